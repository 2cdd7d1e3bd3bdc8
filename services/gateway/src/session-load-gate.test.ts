import { describe, expect, it } from 'vitest';
import { SessionLoadGate } from './session-load-gate.js';

describe('SessionLoadGate', () => {
  it('admits up to its capacity and again once a slot is given back', () => {
    const gate = new SessionLoadGate(2, 1000, 10_000);
    expect(gate.tryEnter('a')).toBe(true);
    expect(gate.tryEnter('b')).toBe(true);
    expect(gate.tryEnter('c')).toBe(false);
    gate.leave('a');
    gate.leave('a'); // giving back twice frees one slot, not two
    expect(gate.tryEnter('c')).toBe(true);
    expect(gate.tryEnter('d')).toBe(false);
    expect(gate.loading).toBe(2);
  });

  it('reclaims slots held longer than any load may take, once full', () => {
    let now = 0;
    const gate = new SessionLoadGate(2, 1000, 10_000, () => now);
    gate.tryEnter('lost');
    now = 5000;
    gate.tryEnter('young');
    expect(gate.tryEnter('late')).toBe(false);
    now = 10_001;
    expect(gate.tryEnter('late')).toBe(true);
    expect(gate.tryEnter('later')).toBe(false); // 'young' is still within its time
  });
});
