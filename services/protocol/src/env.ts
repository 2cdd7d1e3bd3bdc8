import { Type, type Static, type TObject, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Reads configuration from an environment-like record against a schema, once at boot. Values arrive as
 * strings; numbers and booleans are converted, defaults applied, and the first bad variable is named in
 * the error so an operator knows exactly what to fix. Pure: it is handed `process.env`, it never reads it.
 */
export function readEnv<S extends TObject>(schema: S, source: Record<string, string | undefined>): Static<S> {
  const raw: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties as Record<string, TSchema>)) {
    const text = source[name];
    if (text === undefined || text === '') continue;
    raw[name] = convert(name, text, property);
  }
  const withDefaults = Value.Default(schema, raw);
  const firstError = Value.Errors(schema, withDefaults)[0];
  if (firstError) {
    const name =
      firstError.instancePath.split('/')[1] ??
      String(firstError.params && Object.values(firstError.params)[0]);
    throw new ConfigError(
      `Invalid configuration: ${name} ${firstError.message} (got ${JSON.stringify(source[name] ?? null)})`,
    );
  }
  return withDefaults as Static<S>;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function convert(name: string, text: string, property: TSchema): unknown {
  const type = (property as { type?: string }).type;
  if (type === 'integer' || type === 'number') {
    const value = Number(text);
    if (!Number.isFinite(value))
      throw new ConfigError(`Invalid configuration: ${name} must be a number (got ${JSON.stringify(text)})`);
    return value;
  }
  if (type === 'boolean') {
    if (['true', '1', 'yes'].includes(text.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(text.toLowerCase())) return false;
    throw new ConfigError(
      `Invalid configuration: ${name} must be true or false (got ${JSON.stringify(text)})`,
    );
  }
  return text;
}

/** A comma-separated list variable, e.g. `ALLOWED_ORIGINS=https://a.example,https://b.example`. */
export const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export { Type as EnvType };
export type { Static };
