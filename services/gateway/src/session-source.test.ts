import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '@livechat/client';
import { SESSION_ROOM_IDS_MAX } from '@livechat/protocol';
import { batchingSessionSource, type SessionBatchLoader } from './session-source.js';

/** A loader that answers each token `t` with the room `room-of-t`, or refuses tokens named `bad`. */
function recordingLoader(): { load: SessionBatchLoader; batches: string[][] } {
  const batches: string[][] = [];
  const load: SessionBatchLoader = async (tokens) => {
    batches.push(tokens);
    return tokens.map((token) =>
      token === 'bad'
        ? { error: { code: 'unauthenticated', message: 'This session has ended; sign in again' } }
        : { roomIds: [`room-of-${token}`] },
    );
  };
  return { load, batches };
}

describe('batchingSessionSource', () => {
  it('sends the connects of one turn as one request and answers each its own rooms', async () => {
    const { load, batches } = recordingLoader();
    const source = batchingSessionSource(load);
    const answers = await Promise.all(['a', 'b', 'c'].map((token) => source(token)));
    expect(answers).toEqual([['room-of-a'], ['room-of-b'], ['room-of-c']]);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('fails a refused token alone, with the API code and status', async () => {
    const { load } = recordingLoader();
    const source = batchingSessionSource(load);
    const [good, bad] = await Promise.allSettled([source('a'), source('bad')]);
    expect(good).toEqual({ status: 'fulfilled', value: ['room-of-a'] });
    expect(bad.status).toBe('rejected');
    const error = (bad as PromiseRejectedResult).reason as ApiRequestError;
    expect(error).toBeInstanceOf(ApiRequestError);
    expect([error.status, error.code]).toEqual([401, 'unauthenticated']);
  });

  it('fails the whole batch when the request fails, and keeps serving later connects', async () => {
    let fail = true;
    const source = batchingSessionSource(async (tokens) => {
      if (fail) throw new Error('API unreachable');
      return tokens.map(() => ({ roomIds: [] }));
    });
    const results = await Promise.allSettled([source('a'), source('b')]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(source('c')).resolves.toEqual([]);
  });

  it('splits a crowd into batches of at most the protocol maximum, with bounded requests in flight', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const sizes: number[] = [];
    const source = batchingSessionSource(
      async (tokens) => {
        sizes.push(tokens.length);
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return tokens.map(() => ({ roomIds: [] }));
      },
      { maxInFlight: 2 },
    );
    const crowd = SESSION_ROOM_IDS_MAX * 5 + 3;
    await Promise.all(Array.from({ length: crowd }, (_, index) => source(`t${index}`)));
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(crowd);
    expect(Math.max(...sizes)).toBe(SESSION_ROOM_IDS_MAX);
    expect(mostInFlight).toBe(2);
  });
});
