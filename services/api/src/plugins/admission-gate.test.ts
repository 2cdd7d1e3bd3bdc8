import { describe, expect, it } from 'vitest';
import { AdmissionGate } from './admission-gate.js';

const held = () => {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
};

describe('AdmissionGate', () => {
  it('runs up to its concurrency, queues a few in order, and refuses the rest at once', async () => {
    const gate = new AdmissionGate({ concurrency: 1, queueLength: 1, queueWaitMs: 10_000 });
    const first = held();
    const order: string[] = [];
    const running = gate.run(async () => {
      await first.promise;
      order.push('first');
    });
    const queued = gate.run(async () => void order.push('second'));
    await expect(gate.run(async () => 'third')).rejects.toMatchObject({
      code: 'unavailable',
      status: 503,
      extra: { retryAfterSeconds: 1 },
    });
    first.release();
    await Promise.all([running, queued]);
    expect(order).toEqual(['first', 'second']);
    await expect(gate.run(async () => 'free again')).resolves.toBe('free again');
  });

  it('refuses a request that waited longer than the queue wait, and frees its place', async () => {
    const gate = new AdmissionGate({ concurrency: 1, queueLength: 1, queueWaitMs: 20 });
    const first = held();
    const running = gate.run(() => first.promise);
    await expect(gate.run(async () => 'late')).rejects.toMatchObject({ code: 'unavailable' });
    const next = gate.run(async () => 'after the first');
    first.release();
    await running;
    await expect(next).resolves.toBe('after the first');
  });

  it('frees the slot when the work fails', async () => {
    const gate = new AdmissionGate({ concurrency: 1, queueLength: 0, queueWaitMs: 20 });
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'ok')).resolves.toBe('ok');
  });
});
