import fc from 'fast-check';
import { codePointLength, mergeAllOf, unsupported, type JsonSchema } from './json-schema.js';

/**
 * Replaces the arbitrary of one schema, by where it sits (`path` is the property names from the root):
 * ids drawn from the fuzz world's rooms and users instead of random UUIDs, for instance. Undefined keeps
 * the default.
 */
export type ArbitraryOverride = (
  schema: JsonSchema,
  path: readonly string[],
) => fc.Arbitrary<unknown> | undefined;

/** Longest random string drawn where a schema allows more (boundaries still reach `maxLength`). */
const RANDOM_TEXT_MAX = 120;
/** Most random array items drawn where a schema allows more (boundaries still reach `maxItems`). */
const RANDOM_ITEMS_MAX = 12;

/**
 * Values the schema accepts — random ones and its boundaries (shortest and longest strings, smallest and
 * largest numbers, emptiest and fullest arrays) — derived from the JSON Schema keywords alone.
 */
export function validArbitrary(
  schema: JsonSchema,
  override?: ArbitraryOverride,
  path: readonly string[] = [],
): fc.Arbitrary<unknown> {
  const replaced = override?.(schema, path);
  if (replaced) return replaced;
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((option) => validArbitrary(option, override, path)));
  if (schema.allOf) return validArbitrary(mergeAllOf(schema.allOf), override, path);
  switch (schema.type) {
    case 'object':
      return objectArbitrary(schema, override, path);
    case 'array':
      return arrayArbitrary(schema, override, path);
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum, max: schema.maximum });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      throw unsupported(schema);
  }
}

function objectArbitrary(
  schema: JsonSchema,
  override: ArbitraryOverride | undefined,
  path: readonly string[],
) {
  const properties = schema.properties ?? {};
  const shape = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [
      key,
      validArbitrary(property, override, [...path, key]),
    ]),
  );
  return fc.record(shape, { requiredKeys: schema.required ?? [] });
}

function arrayArbitrary(
  schema: JsonSchema,
  override: ArbitraryOverride | undefined,
  path: readonly string[],
) {
  if (!schema.items) throw unsupported(schema, 'array without items');
  const item = validArbitrary(schema.items, override, path);
  const minLength = schema.minItems ?? 0;
  const maxLength = schema.maxItems ?? Math.max(minLength, RANDOM_ITEMS_MAX);
  const arrayOf = (min: number, max: number) =>
    schema.uniqueItems
      ? fc.uniqueArray(item, { minLength: min, maxLength: max, selector: (value) => fc.stringify(value) })
      : fc.array(item, { minLength: min, maxLength: max });
  return fc.oneof(
    { arbitrary: arrayOf(minLength, Math.min(maxLength, Math.max(minLength, RANDOM_ITEMS_MAX))), weight: 8 },
    { arbitrary: arrayOf(minLength, minLength), weight: 1 },
    { arbitrary: arrayOf(maxLength, maxLength), weight: 1 },
  );
}

function integerArbitrary(schema: JsonSchema) {
  const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
  const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  const small = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) });
  return fc.oneof(
    { arbitrary: small, weight: 6 },
    { arbitrary: fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number), weight: 2 },
    { arbitrary: fc.constantFrom(min, max), weight: 2 },
  );
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, RANDOM_TEXT_MAX);
  const pattern = schema.pattern === undefined ? null : new RegExp(schema.pattern);
  const fits = (text: string) => {
    const length = codePointLength(text);
    return length >= min && length <= max && (!pattern || pattern.test(text));
  };
  const random = randomString(schema, pattern, min, Math.min(max, Math.max(min, RANDOM_TEXT_MAX)));
  // A UUID or a timestamp has one length: its boundaries are its random values.
  const lengths = schema.format === 'uuid' || schema.format === 'date-time' ? [] : [...new Set([min, max])];
  const boundaries = lengths.map((length) => boundaryString(schema, length)).filter(fits);
  if (!boundaries.length) return random.filter(fits);
  return fc.oneof({ arbitrary: random.filter(fits), weight: 8 }, fc.constantFrom(...boundaries));
}

function randomString(schema: JsonSchema, pattern: RegExp | null, min: number, max: number) {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return fc
        .date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case undefined:
      break;
    default:
      throw unsupported(schema, `format ${schema.format}`);
  }
  // A pattern that is one character class repeated is a string of those characters, of any length the
  // schema allows; other patterns (text.ts, with lookaheads) are met by filtering random text.
  const characters = pattern && repeatedClass(pattern.source);
  if (characters) return fc.string({ unit: fc.constantFrom(...characters), minLength: min, maxLength: max });
  return fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
}

/** The characters of a `^[…]+$` or `^[…]*$` pattern (ranges expanded), or null for any other pattern. */
function repeatedClass(source: string): string[] | null {
  const body = /^\^\[([^\]^\\]+)\][+*]\$$/.exec(source)?.[1];
  if (!body) return null;
  const characters: string[] = [];
  for (let index = 0; index < body.length; index++) {
    const start = body[index]!;
    if (body[index + 1] === '-' && index + 2 < body.length) {
      for (let code = start.charCodeAt(0); code <= body.charCodeAt(index + 2); code++)
        characters.push(String.fromCharCode(code));
      index += 2;
    } else characters.push(start);
  }
  return characters;
}

/** A string of exactly `length` code points the schema should accept (checked by the caller). */
function boundaryString(schema: JsonSchema, length: number): string {
  return schema.format === 'email' ? boundaryEmail(length) : 'x'.repeat(length);
}

/** An address of exactly `length` characters: a local part of at most 64, domain labels of at most 63. */
function boundaryEmail(length: number): string {
  const local = 'a'.repeat(Math.max(1, Math.min(64, length - 2)));
  const labels: string[] = [];
  for (let left = length - local.length - 1; left > 0;) {
    let size = Math.min(63, left);
    if (left - size === 1) size -= 1; // a dot must be followed by a label
    labels.push('b'.repeat(size));
    left -= size + 1;
  }
  return `${local}@${labels.join('.')}`;
}
