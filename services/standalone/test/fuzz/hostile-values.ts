/**
 * Inputs that broke or could break text and number handling somewhere between the wire and Postgres.
 * One list each, so the body, query, path and socket mutations all draw on the same ones.
 */

/** C0 and C1 controls, NUL first: Postgres refuses U+0000 in text outright. */
export const CONTROL_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\u000B',
  '\f',
  '\r',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u009F',
];

/** Bidi marks, embeddings, overrides and isolates: they let one name pass as another. */
export const BIDI_CONTROLS = [
  '\u202E',
  '\u202D',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
];

/** Text that shows nothing (or nearly): whitespace, zero-width characters, fillers. */
export const INVISIBLE_TEXTS = [
  ' ',
  '   ',
  '\t',
  '\n',
  '\u200B',
  '\u200B\u200C\u200D',
  '\u2060',
  '\uFEFF',
  '\u3164',
  '\u115F',
  '\u00AD',
  '\u034F',
];

/** Strings that are odd at the Unicode level: lone surrogates, combining marks, long grapheme clusters. */
export const ODD_UNICODE = [
  '\uD800',
  '\uDFFF',
  'a\uDC00b',
  'e\u0301',
  '\u0301',
  'Z\u0351\u0352\u0357\u0358\u035B\u0360\u0361\u0362',
  '👩‍👩‍👧‍👦',
  '\uFFFD',
  '\uFFFF',
  '𝕏',
  'ﷺ',
  'مرحبا',
];

/** Strings that probe parsers and queries further down: SQL, paths, markup, templates, prototypes. */
export const INJECTION_TEXTS = [
  "' OR '1'='1",
  "'; drop table users; --",
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  '%00',
  '%s%s%s%n',
];

/** Query-string numbers past what Postgres or JavaScript hold, or not plain decimals at all. */
export const NUMERIC_TEXTS = [
  'Infinity',
  '-Infinity',
  '+Infinity',
  'infinity',
  'NaN',
  '1e309',
  '-1e309',
  '1e20',
  '-1e20',
  '9007199254740992',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551616',
  '-9223372036854775809',
  '1' + '0'.repeat(400),
  '0x10',
  '0b11',
  '0o7',
  '1_000',
  '1e3',
  '1.5',
  '-0',
  ' 1',
  '1 ',
  '+1',
  '-1',
  '0',
  '',
  '١٢',
  'true',
  'null',
  '[]',
  '{}',
];

/** JSON numbers that JSON.stringify cannot write: they parse to ±Infinity or lose precision. */
export const RAW_JSON_NUMBERS = [
  '1e400',
  '-1e400',
  '1' + '0'.repeat(40),
  '9007199254740993',
  '-0',
  '1E2',
  '0.0000001',
  '5e-324',
];

/** Numbers in range for JSON but out of range for the protocol or for bigint columns. */
export const HOSTILE_NUMBERS = [
  -1,
  -0,
  0.5,
  1.5,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 63,
  2 ** 64,
  -(2 ** 63),
  1e20,
  -1e20,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
];

/** JSON texts a body parser must refuse cleanly (400), never with a crash or a 500. */
export const MALFORMED_JSON = [
  '',
  ' ',
  '{',
  '}',
  '[',
  '{"a":',
  '{"a":1,}',
  '[1,]',
  "{'a':1}",
  '{"a":1}}',
  'nul',
  'tru',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":01}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '"unterminated',
  '\u0000',
  '{"a":"\u0000"}',
  '\uFEFF{}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
  '['.repeat(20000),
];

/** Content types a JSON API must refuse (415) or read as JSON, and nothing in between. */
export const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;;',
  'application/problem+json',
  'application/jsonx',
  'APPLICATION/JSON',
  'application/json, text/plain',
  '*/*',
  'garbage',
];

/** Path segments that are not UUIDs: broken percent escapes, dot segments, NUL, huge. */
export const RAW_PATH_SEGMENTS = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%00',
  '%2F',
  '%5C',
  '..',
  '.',
  '%2e%2e',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  'ffffffff-ffff-ffff-ffff-ffffffffffff%00',
  'x'.repeat(5000),
  '1',
  '-1',
  'null',
];
