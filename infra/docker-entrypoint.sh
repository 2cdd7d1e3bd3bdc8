#!/bin/sh
# Container entrypoint of every LiveChat process. Docker-secrets convention for the secret settings below:
# NAME_FILE=/path sets NAME to the file's content, so keys live in a volume or secret, never in
# docker-compose.yml or `docker inspect`. Other *_FILE variables (SSL_CERT_FILE, …) keep their meaning.
set -eu
SECRET_VARIABLES="JWT_PRIVATE_KEY JWT_KEY_ID JWT_PUBLIC_KEYS RESEND_API_KEY DATABASE_URL REDIS_URL"
for name in $SECRET_VARIABLES; do
  eval "file=\${${name}_FILE:-}"
  [ -n "$file" ] || continue
  if [ ! -r "$file" ]; then
    echo "entrypoint: ${name}_FILE points to $file, which cannot be read" >&2
    exit 1
  fi
  export "$name=$(cat "$file")"
  unset "${name}_FILE"
done
exec "$@"
