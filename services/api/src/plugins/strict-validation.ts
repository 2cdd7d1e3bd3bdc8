import fp from 'fastify-plugin';
import { AjvCompiler } from '@fastify/ajv-compiler';

/**
 * Request validation that refuses instead of repairing. Fastify's default Ajv strips unknown properties and
 * coerces types, so `{"password": 12345678}` or `{"email": "…", "extra": 1}` would pass as something the
 * client did not send. Bodies are JSON, so they get no coercion at all; params and query strings arrive as
 * text and keep coercion (`?limit=20`), but nowhere are unknown fields silently dropped.
 */
export default fp(
  async (app) => {
    const build = AjvCompiler();
    const bodies = build({}, { customOptions: { coerceTypes: false, removeAdditional: false } });
    const textParts = build({}, { customOptions: { coerceTypes: 'array', removeAdditional: false } });
    app.setValidatorCompiler((route) => (route.httpPart === 'body' ? bodies : textParts)(route));
    // Only JSON bodies are accepted: text/plain is a 415 like every other type, not a string body.
    app.removeContentTypeParser('text/plain');
  },
  { name: 'strict-validation' },
);
