import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Type } from 'typebox';
import { ConfigError, readEnv, splitList } from './env.js';

const schema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  DEV: Type.Boolean({ default: false }),
  URL: Type.Optional(Type.String({ minLength: 1 })),
});

describe('readEnv', () => {
  it('applies defaults and converts types', () => {
    expect(readEnv(schema, {})).toEqual({ PORT: 3000, DEV: false });
    expect(readEnv(schema, { PORT: '8080', DEV: 'true', URL: 'x' })).toEqual({
      PORT: 8080,
      DEV: true,
      URL: 'x',
    });
  });

  it('names the bad variable', () => {
    expect(() => readEnv(schema, { PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readEnv(schema, { PORT: '70000' })).toThrow(/PORT/);
    expect(() => readEnv(schema, { DEV: 'maybe' })).toThrow(ConfigError);
  });

  it('never accepts an out-of-range port, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          const { PORT } = readEnv(schema, { PORT: text });
          return Number.isInteger(PORT) && PORT >= 0 && PORT <= 65535;
        } catch (error) {
          return error instanceof ConfigError && error.message.includes('PORT');
        }
      }),
    );
  });
});

describe('splitList', () => {
  it('drops blanks and trims', () => {
    expect(splitList(' a, ,b ,')).toEqual(['a', 'b']);
  });
});
