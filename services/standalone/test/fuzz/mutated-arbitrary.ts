import fc from 'fast-check';
import {
  BIDI_CONTROLS,
  CONTROL_CHARACTERS,
  HOSTILE_NUMBERS,
  INJECTION_TEXTS,
  INVISIBLE_TEXTS,
  NUMERIC_TEXTS,
  ODD_UNICODE,
  RAW_JSON_NUMBERS,
} from './hostile-values.js';
import { mergeAllOf, type JsonSchema } from './json-schema.js';
import { RawJson } from './raw-json.js';
import { validArbitrary, type ArbitraryOverride } from './valid-arbitrary.js';

/** Values of every JSON type: most are the wrong type for any one schema. */
const ANY_TYPE = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  1,
  -1,
  1.5,
  '',
  'text',
  [],
  [null],
  {},
  { a: 1 },
);

/** Lengths past any limit of the protocol; 70,000 also passes the API's 64 KB body limit. */
const HUGE_LENGTHS = [257, 4001, 10_000, 70_000];

/**
 * Values the schema should refuse, each a small step from a valid one: the wrong type, a missing or extra
 * field, one field mutated (recursively), strings that are huge or carry NUL, controls, bidi or invisible
 * characters, numbers out of range or out of what JSON.stringify writes, arrays too long or with duplicates.
 * Some mutations land on valid values (a control character where the schema allows it): the server
 * may accept those; what it may never do is fail.
 */
export function mutatedArbitrary(
  schema: JsonSchema,
  override?: ArbitraryOverride,
  path: readonly string[] = [],
): fc.Arbitrary<unknown> {
  if (schema.allOf) return mutatedArbitrary(mergeAllOf(schema.allOf), override, path);
  const valid = validArbitrary(schema, override, path);
  const options: fc.WeightedArbitrary<unknown>[] = [{ arbitrary: ANY_TYPE, weight: 2 }];
  if ('const' in schema || schema.anyOf) options.push({ arbitrary: literalMutations(schema), weight: 2 });
  switch (schema.type) {
    case 'object':
      options.push({ arbitrary: objectMutations(schema, valid, override, path), weight: 8 });
      break;
    case 'array':
      options.push({ arbitrary: arrayMutations(schema, valid, override, path), weight: 6 });
      break;
    case 'string':
      // Mutated from the schema's own strings: a fixture reference is not text to insert characters into.
      options.push({
        arbitrary: stringMutations(schema, validArbitrary(schema) as fc.Arbitrary<string>),
        weight: 8,
      });
      break;
    case 'integer':
    case 'number':
      options.push({ arbitrary: numberMutations(schema), weight: 8 });
      break;
  }
  return fc.oneof(...options);
}

function literalMutations(schema: JsonSchema): fc.Arbitrary<unknown> {
  const literals = [schema.const, ...(schema.anyOf ?? []).map((option) => option.const)].filter(
    (value): value is string => typeof value === 'string',
  );
  const variants = literals.flatMap((literal) => [
    literal.toUpperCase(),
    ` ${literal}`,
    `${literal}\u0000`,
    literal.slice(1),
  ]);
  return fc.constantFrom<unknown>('', 'owner', 'root', ...variants);
}

function objectMutations(
  schema: JsonSchema,
  valid: fc.Arbitrary<unknown>,
  override: ArbitraryOverride | undefined,
  path: readonly string[],
): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const record = valid as fc.Arbitrary<Record<string, unknown>>;
  const options: fc.Arbitrary<unknown>[] = [
    fc
      .tuple(record, extraKey(), fc.jsonValue({ maxDepth: 2 }))
      .map(([value, key, extra]) => withKey(value, key, extra)),
  ];
  if (schema.required?.length) {
    const required = schema.required;
    options.push(
      fc.tuple(record, fc.nat()).map(([value, index]) => {
        const copy = { ...value };
        delete copy[required[index % required.length]!];
        return copy;
      }),
    );
  }
  for (const [key, property] of properties) {
    options.push(
      fc
        .tuple(record, mutatedArbitrary(property, override, [...path, key]))
        .map(([value, mutated]) => withKey(value, key, mutated)),
    );
  }
  return fc.oneof(...options);
}

/** Extra field names, prototype keys among them (an own `__proto__` key reaches the JSON text). */
const extraKey = () =>
  fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'admin', 'role', ''),
    fc.string({ maxLength: 20 }),
  );

function withKey(value: Record<string, unknown>, key: string, item: unknown): Record<string, unknown> {
  const copy = { ...value };
  Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  return copy;
}

function arrayMutations(
  schema: JsonSchema,
  valid: fc.Arbitrary<unknown>,
  override: ArbitraryOverride | undefined,
  path: readonly string[],
): fc.Arbitrary<unknown> {
  const items = schema.items!;
  const item = validArbitrary(items, override, path);
  const options: fc.Arbitrary<unknown>[] = [
    fc.array(mutatedArbitrary(items, override, path), { minLength: 1, maxLength: 3 }),
    fc.array(fc.array(item, { maxLength: 2 }), { minLength: 1, maxLength: 2 }),
    (valid as fc.Arbitrary<unknown[]>).filter((list) => list.length > 0).map((list) => [...list, list[0]]),
  ];
  if (schema.maxItems !== undefined) {
    const tooMany = schema.maxItems + 1;
    options.push(fc.array(item, { minLength: tooMany, maxLength: tooMany }));
  }
  if (schema.minItems) options.push(fc.constant([]));
  return fc.oneof(...options);
}

function stringMutations(schema: JsonSchema, valid: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const max = schema.maxLength ?? 256;
  const inserted = (characters: string[]) =>
    fc.tuple(valid, fc.nat(), fc.constantFrom(...characters)).map(([text, at, character]) => {
      const points = [...text];
      points.splice(at % (points.length + 1), 0, character);
      return points.join('');
    });
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(max + 1, ...HUGE_LENGTHS), fc.constantFrom('x', 'é', '😀', ' ', '\u0000'))
      .map(([length, character]) => character.repeat(length)),
    inserted(CONTROL_CHARACTERS),
    inserted(BIDI_CONTROLS),
    inserted(ODD_UNICODE),
    fc.constantFrom(...INVISIBLE_TEXTS, ...ODD_UNICODE, ...INJECTION_TEXTS, ...NUMERIC_TEXTS),
    fc.string({ unit: 'binary', maxLength: 40 }),
    valid.map((text) => `${text}${text}`),
    valid.map((text) => text.toUpperCase()),
    valid.map((text) => `{${text}}`),
  );
}

function numberMutations(schema: JsonSchema): fc.Arbitrary<unknown> {
  const edges = [schema.minimum, schema.maximum]
    .filter((edge): edge is number => edge !== undefined)
    .flatMap((edge) => [edge - 1, edge + 1, edge + 0.5]);
  return fc.oneof(
    fc.constantFrom<unknown>(...HOSTILE_NUMBERS, ...edges),
    fc.constantFrom(...RAW_JSON_NUMBERS).map((text) => new RawJson(text)),
    fc.constantFrom('1', '0', 'Infinity', '1e400'),
    fc.double(),
  );
}
