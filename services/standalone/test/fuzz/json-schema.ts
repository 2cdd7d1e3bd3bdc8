import type { TSchema } from 'typebox';

/**
 * The JSON Schema keywords the protocol's TypeBox schemas are made of. TypeBox 1.x schemas are plain JSON
 * Schema objects (its `~kind` markers are extra keys), so the fuzz generators read these keywords rather
 * than TypeBox internals: a schema TypeBox can express with other keywords fails loudly in `unsupported`.
 */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
  const?: unknown;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
}

export const asJsonSchema = (schema: TSchema): JsonSchema => schema;

/** `allOf` of objects (TypeBox `Intersect`) as one object schema. */
export function mergeAllOf(schemas: JsonSchema[]): JsonSchema {
  const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
  for (const part of schemas) {
    if (part.type !== 'object') throw unsupported(part, 'allOf of a non-object');
    Object.assign(merged.properties!, part.properties);
    merged.required!.push(...(part.required ?? []));
  }
  return merged;
}

/** Code points, as JSON Schema (and Ajv) count `minLength` / `maxLength`. */
export const codePointLength = (text: string): number => [...text].length;

export const unsupported = (schema: JsonSchema, what = 'schema') =>
  new Error(`fuzz: unsupported ${what}: ${JSON.stringify(schema).slice(0, 200)}`);
