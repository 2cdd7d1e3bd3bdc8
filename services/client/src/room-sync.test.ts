import { describe, expect, it, vi } from 'vitest';
import { RoomServerModel, type RoomOperation } from '../test/support/room-server-model.js';
import { ApiRequestError } from './api-client.js';
import { RoomSync, type RoomChange, type RoomSource } from './room-sync.js';

const sends = (count: number): RoomOperation[] => Array.from({ length: count }, () => ({ kind: 'send' }));

/** A room source answering from the model, counting requests; `before` runs ahead of each answer. */
function modelSource(
  model: RoomServerModel,
  options: { maxBehind?: number; before?: (call: string) => void } = {},
) {
  const calls: string[] = [];
  const answer = <T>(call: string, value: () => T) => {
    calls.push(call);
    options.before?.(call);
    return Promise.resolve().then(value);
  };
  const source: RoomSource = {
    revision: () => answer('revision', () => model.revision),
    history: (_roomId, query) =>
      answer('history', () =>
        model.history({ ...(query.before ? { before: query.before } : {}), limit: query.limit ?? 50 }),
      ),
    changes: (_roomId, query) =>
      answer('changes', () => {
        const page = model.changes(query.since, query.limit ?? 100, model.revision, options.maxBehind);
        if (!page) throw new ApiRequestError(410, 'too_far_behind', 'reload the room', null);
        return page;
      }),
  };
  return { source, calls };
}

function syncOf(
  model: RoomServerModel,
  source: RoomSource,
  options: Partial<ConstructorParameters<typeof RoomSync>[1]> = {},
) {
  const changes: RoomChange[] = [];
  const onError = vi.fn();
  const sync = new RoomSync(model.roomId, {
    source,
    onChange: (change) => changes.push(change),
    onError,
    gapGraceMs: 20,
    ...options,
  });
  return { sync, changes, onError };
}

describe('RoomSync', () => {
  it('opens on the latest page and scrolls back to the first message', async () => {
    const model = new RoomServerModel(sends(7));
    const { source } = modelSource(model);
    const { sync, changes } = syncOf(model, source, { historyPageSize: 3 });
    await sync.open();
    expect(sync.timeline!.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
    expect(changes).toEqual(['loaded']);
    expect(await sync.loadOlder()).toBe(true);
    expect(await sync.loadOlder()).toBe(false);
    expect(sync.timeline!.messages).toEqual(model.stateAt(7));
  });

  it('catches up what changed while it was opening', async () => {
    const model = new RoomServerModel(sends(3));
    const { source, calls } = modelSource(model, {
      before: (call) => {
        // Between reading the revision and the page, and between the page and the catch-up.
        if (call === 'history') model.apply({ kind: 'edit', pick: 0 });
        if (call === 'changes' && model.revision === 4) model.apply({ kind: 'send' });
      },
    });
    const { sync } = syncOf(model, source, { historyPageSize: 2 });
    await sync.open();
    expect(calls).toEqual(['revision', 'history', 'changes']);
    expect(sync.timeline!.behind).toBe(false);
    expect(sync.timeline!.messages).toEqual(model.stateAt(5).slice(1));
  });

  it('fetches a gap that stays open, paging until the server has no more', async () => {
    const model = new RoomServerModel(sends(2));
    const { source, calls } = modelSource(model);
    const { sync } = syncOf(model, source, { changesPageSize: 2 });
    await sync.open();
    // Five new messages, three of them edited since: five changes, three pages of two.
    for (const operation of [...sends(5), ...[2, 3, 4].map((pick) => ({ kind: 'edit', pick }) as const)]) {
      model.apply(operation);
    }
    sync.applyEvent(model.events[9]!.payload);
    expect(sync.timeline!.behind).toBe(true);
    await vi.waitFor(() => expect(sync.timeline!.behind).toBe(false));
    expect(calls.filter((call) => call === 'changes')).toHaveLength(1 + 3);
    expect(sync.timeline!.messages).toEqual(model.stateAt(10));
  });

  it('does not fetch a gap that the late event closes within the grace period', async () => {
    const model = new RoomServerModel(sends(1));
    const { source, calls } = modelSource(model);
    const { sync } = syncOf(model, source, { gapGraceMs: 50 });
    await sync.open();
    model.apply({ kind: 'send' });
    model.apply({ kind: 'send' });
    sync.applyEvent(model.events[2]!.payload);
    sync.applyEvent(model.events[1]!.payload);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(calls.filter((call) => call === 'changes')).toHaveLength(1);
    expect(sync.timeline!.messages).toEqual(model.stateAt(3));
  });

  it('reloads the latest page when the server says it is too far behind', async () => {
    const model = new RoomServerModel(sends(3));
    const { source } = modelSource(model, { maxBehind: 5 });
    const { sync, changes } = syncOf(model, source, { historyPageSize: 4 });
    await sync.open();
    for (let i = 0; i < 8; i += 1) model.apply({ kind: 'send' });
    await sync.catchUp();
    expect(changes).toEqual(['loaded', 'reset']);
    expect(sync.timeline!.messages).toEqual(model.stateAt(11).slice(-4));
    expect(sync.timeline!.revision).toBe(11);
    expect(sync.timeline!.behind).toBe(false);
  });

  it('reports a room it may no longer read', async () => {
    const model = new RoomServerModel(sends(1));
    const { source } = modelSource(model);
    const { sync, onError } = syncOf(model, {
      ...source,
      changes: () => Promise.reject(new ApiRequestError(404, 'not_found', 'no such room', null)),
    });
    await sync.open();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'not_found' }));
  });

  it('ignores answers that arrive after it was closed', async () => {
    const model = new RoomServerModel(sends(2));
    const { source } = modelSource(model);
    const { sync, changes } = syncOf(model, source);
    const opening = sync.open();
    sync.close();
    await opening;
    expect(changes).toEqual([]);
  });
});
