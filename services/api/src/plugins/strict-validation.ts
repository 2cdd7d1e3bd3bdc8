import fp from 'fastify-plugin';
import type { FastifySchemaValidationError } from 'fastify';
import { AjvCompiler } from '@fastify/ajv-compiler';

type Validate = ((data: unknown) => boolean) & { errors?: unknown };

/**
 * Ajv coerces `?limit=Infinity` to Infinity and then skips `minimum`/`maximum` for a non-finite number, so
 * the protocol's bounds alone would let it through to Postgres: refuse any non-finite coerced number.
 */
function refusingNonFinite(validate: Validate) {
  return (data: unknown) => {
    // Ajv reports its errors on the function itself, which a wrapper must hand on.
    if (!validate(data)) return { error: validate.errors as FastifySchemaValidationError[] };
    if (typeof data !== 'object' || data === null) return true;
    const infinite = Object.entries(data).find(
      ([, value]) => typeof value === 'number' && !Number.isFinite(value),
    );
    if (!infinite) return true;
    const error = Object.assign(new Error(`${infinite[0]} must be a finite number`), {
      validation: [{ instancePath: `/${infinite[0]}`, message: 'must be a finite number' }],
    });
    return { error };
  };
}

/**
 * Request validation that refuses instead of repairing. Fastify's default Ajv strips unknown properties and
 * coerces types, so `{"password": 12345678}` or `{"email": "…", "extra": 1}` would pass as something the
 * client did not send. Bodies are JSON, so they get no coercion at all; params and query strings arrive as
 * text and keep coercion (`?limit=20`), but nowhere are unknown fields silently dropped.
 */
export default fp(
  async (app) => {
    const build = AjvCompiler();
    const bodies = build(
      {},
      { customOptions: { coerceTypes: false, removeAdditional: false, strictNumbers: true } },
    );
    const textParts = build(
      {},
      { customOptions: { coerceTypes: 'array', removeAdditional: false, strictNumbers: true } },
    );
    app.setValidatorCompiler((route) =>
      route.httpPart === 'body' ? bodies(route) : refusingNonFinite(textParts(route) as Validate),
    );
    // Only JSON bodies are accepted: text/plain is a 415 like every other type, not a string body.
    app.removeContentTypeParser('text/plain');
  },
  { name: 'strict-validation' },
);
