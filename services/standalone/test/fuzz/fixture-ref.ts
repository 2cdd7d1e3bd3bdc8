import fc from 'fast-check';

/**
 * What a generated input may point at in the fuzz world. Generated values hold these symbols, not ids:
 * the world resolves them when the case runs, so a case still means "a room I own" after the fuzzer
 * deleted the room it first stood for and the world made another.
 */
export const REF_KINDS = [
  'ownRoom', // Alice owns it, Bob is a member
  'memberRoom', // Bob owns it, Alice is a member
  'foreignRoom', // Bob's, Alice is not in it
  'ownMessage', // Alice's, in her room
  'othersMessage', // Bob's, in a room Alice is in
  'foreignMessage', // Bob's, in a room Alice is not in
  'self', // Alice
  'otherUser', // Bob
  'unverifiedUser', // signed up, never verified
  'selfEmail',
  'otherEmail',
  'selfPassword',
  'selfToken',
  'otherToken',
  'unverifiedToken',
  'tamperedToken', // Alice's token with its signature altered
] as const;
export type RefKind = (typeof REF_KINDS)[number];

export class FixtureRef {
  constructor(readonly kind: RefKind) {}
  [fc.toStringMethod](): string {
    return `ref(${this.kind})`;
  }
}

export const refTo = (...kinds: RefKind[]): fc.Arbitrary<FixtureRef> =>
  fc.constantFrom(...kinds).map((kind) => new FixtureRef(kind));

/** Replaces every FixtureRef in a generated value by what it stands for (own keys such as `__proto__` kept). */
export function resolveRefs(value: unknown, resolve: (kind: RefKind) => string): unknown {
  if (value instanceof FixtureRef) return resolve(value.kind);
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, resolve));
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: resolveRefs((value as Record<string, unknown>)[key], resolve),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
