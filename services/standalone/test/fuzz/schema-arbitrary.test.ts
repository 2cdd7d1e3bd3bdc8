import fc from 'fast-check';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, HandshakeAuth, ROUTES } from '@livechat/protocol';
import { asJsonSchema } from './json-schema.js';
import { mutatedArbitrary } from './mutated-arbitrary.js';
import { validArbitrary } from './valid-arbitrary.js';

/** Every input schema of the protocol: the parts of each route, each client event, the handshake. */
const INPUT_SCHEMAS: [string, TSchema][] = [
  ...Object.entries(ROUTES).flatMap(([name, spec]) =>
    (['params', 'query', 'body'] as const).flatMap((part) => {
      const schema = (spec as Partial<Record<typeof part, TSchema>>)[part];
      return schema ? [[`${name} ${part}`, schema] as [string, TSchema]] : [];
    }),
  ),
  ...Object.entries(CLIENT_EVENTS).map(([name, schema]) => [`event ${name}`, schema] as [string, TSchema]),
  ['handshake auth', HandshakeAuth],
];

describe('the TypeBox → fast-check generators of the fuzz suite', () => {
  it.each(INPUT_SCHEMAS)('generates only values the %s schema accepts', (_name, schema) => {
    const validator = Compile(schema);
    fc.assert(
      fc.property(validArbitrary(asJsonSchema(schema)), (value) => {
        expect(validator.Errors(value)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it.each(INPUT_SCHEMAS)('generates mutations the %s schema mostly refuses', (_name, schema) => {
    const validator = Compile(schema);
    // A fixed seed: for a schema where almost any text is valid (a token), a random 300 sit near the
    // bound and failed it now and then (0.5 for `auth:refresh` on one CI run).
    const samples = fc.sample(mutatedArbitrary(asJsonSchema(schema)), { numRuns: 300, seed: 20261204 });
    const refused = samples.filter((value) => !validator.Check(value)).length;
    // Some mutations land on valid values by design (a control character where tab is allowed,
    // any text where a token may be any string).
    expect(refused / samples.length).toBeGreaterThan(0.5);
  });
});
