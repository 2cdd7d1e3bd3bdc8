import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newOpaqueToken } from './opaque-token.js';
import { openSuccessor, sealSuccessor } from './successor-seal.js';

describe('successor seal', () => {
  it('opens with the predecessor it was sealed for, and with nothing else', () => {
    fc.assert(
      fc.property(fc.nat({ max: 60 }), (flip) => {
        const predecessor = newOpaqueToken().token;
        const successor = newOpaqueToken().token;
        const sealed = sealSuccessor(successor, predecessor);
        expect(openSuccessor(sealed, predecessor)).toBe(successor);
        expect(openSuccessor(sealed, newOpaqueToken().token)).toBeNull();
        const tampered = Buffer.from(sealed);
        tampered[flip % tampered.length]! ^= 1;
        expect(openSuccessor(tampered, predecessor)).toBeNull();
      }),
      { numRuns: 50 },
    );
  });

  it('never holds the successor in the clear', () => {
    const successor = newOpaqueToken().token;
    const sealed = sealSuccessor(successor, newOpaqueToken().token);
    expect(sealed.includes(Buffer.from(successor))).toBe(false);
    expect(openSuccessor(sealed.subarray(0, 20), 'x')).toBeNull();
  });
});
