import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from './api-client.js';
import { isRetryable, retryDelayMs, withRetry } from './retry-policy.js';

const refused = (
  status: number,
  code: ConstructorParameters<typeof ApiRequestError>[1],
  retryAfterSeconds?: number,
) =>
  new ApiRequestError(status, code, code, {
    type: 'about:blank',
    title: code,
    status,
    code,
    detail: code,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });

describe('isRetryable', () => {
  it('retries what may be temporary and nothing the server answered for good', () => {
    expect(isRetryable(new TypeError('fetch failed'))).toBe(true);
    expect(isRetryable(refused(503, 'unavailable'))).toBe(true);
    expect(isRetryable(refused(500, 'internal'))).toBe(true);
    expect(isRetryable(refused(429, 'rate_limited'))).toBe(true);
    expect(isRetryable(refused(400, 'validation_failed'))).toBe(false);
    expect(isRetryable(refused(409, 'idempotency_conflict'))).toBe(false);
    expect(isRetryable(refused(403, 'forbidden'))).toBe(false);
    expect(isRetryable(new DOMException('closed', 'AbortError'))).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('doubles up to the ceiling, with jitter in the upper half', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000 };
    const top = { ...options, random: () => 0.999999 };
    const bottom = { ...options, random: () => 0 };
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(new TypeError(), attempt, top))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(retryDelayMs(new TypeError(), 3, bottom)).toBe(200);
  });

  it("follows the server's Retry-After, from the problem or the header, spread by up to a quarter", () => {
    const bottom = { random: () => 0 };
    const top = { random: () => 0.999999 };
    expect(retryDelayMs(refused(429, 'rate_limited', 3), 1, bottom)).toBe(3000);
    expect(retryDelayMs(refused(429, 'rate_limited', 3), 1, top)).toBe(3750);
    const shed = new ApiRequestError(503, 'unavailable', 'HTTP 503', null, '2');
    expect(retryDelayMs(shed, 1, bottom)).toBe(2000);
    const dated = new ApiRequestError(
      503,
      'unavailable',
      'HTTP 503',
      null,
      new Date(Date.now() + 4000).toUTCString(),
    );
    expect(retryDelayMs(dated, 1, bottom)).toBeGreaterThanOrEqual(3000);
    expect(retryDelayMs(dated, 1, bottom)).toBeLessThanOrEqual(4000);
    expect(new ApiRequestError(503, 'unavailable', 'x', null, 'soon').retryAfterSeconds).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('repeats a failing call until it succeeds', async () => {
    const work = vi
      .fn<(attempt: number) => Promise<string>>()
      .mockRejectedValueOnce(new TypeError('fetch failed'))
      .mockRejectedValueOnce(refused(502, 'unavailable'))
      .mockResolvedValueOnce('done');
    const onRetry = vi.fn();
    await expect(withRetry(work, { baseDelayMs: 1, onRetry })).resolves.toBe('done');
    expect(work.mock.calls.map(([attempt]) => attempt)).toEqual([1, 2, 3]);
    expect(onRetry).toHaveBeenCalledTimes(2);
  });

  it('gives up after the last attempt, and at once on a refusal', async () => {
    const failing = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    await expect(withRetry(failing, { attempts: 3, baseDelayMs: 1 })).rejects.toThrow('fetch failed');
    expect(failing).toHaveBeenCalledTimes(3);
    const refusedWork = vi.fn(async () => {
      throw refused(404, 'not_found');
    });
    await expect(withRetry(refusedWork, { baseDelayMs: 1 })).rejects.toMatchObject({ code: 'not_found' });
    expect(refusedWork).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const work = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const running = withRetry(work, { baseDelayMs: 60_000, signal: controller.signal });
    await vi.waitFor(() => expect(work).toHaveBeenCalledTimes(1));
    controller.abort(new Error('client closed'));
    await expect(running).rejects.toThrow('client closed');
    expect(work).toHaveBeenCalledTimes(1);
  });
});
