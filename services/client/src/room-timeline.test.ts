import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoomServerModel, type RoomOperation } from '../test/support/room-server-model.js';
import { RoomTimeline } from './room-timeline.js';

const operation: fc.Arbitrary<RoomOperation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'send' as const }) },
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) }),
);
/** Starts with a send, so every room has at least one change. */
const operations = fc
  .array(operation, { maxLength: 40 })
  .map((ops): RoomOperation[] => [{ kind: 'send' }, ...ops]);

/** A timeline opened on an empty room: it holds everything from seq 1. */
function openedEmpty(server: RoomServerModel): RoomTimeline {
  const timeline = new RoomTimeline(server.roomId, 0);
  timeline.applyHistory({ messages: [], hasMore: false });
  return timeline;
}

/** What the view must be once everything up to `revision` is held: the server's state, from the window on. */
function truthFrom(server: RoomServerModel, revision: number, timeline: RoomTimeline) {
  return server.stateAt(revision).filter((message) => message.seq >= (timeline.oldestSeq ?? Infinity));
}

describe('RoomTimeline', () => {
  const server = new RoomServerModel([
    { kind: 'send' },
    { kind: 'send' },
    { kind: 'edit', pick: 0 },
    { kind: 'send' },
    { kind: 'delete', pick: 1 },
  ]);
  const event = (revision: number) => server.events[revision - 1]!.payload;

  it('applies new, edited and deleted messages in seq order', () => {
    const timeline = openedEmpty(server);
    for (const { payload } of server.events) timeline.applyEvent(payload);
    expect(timeline.messages).toEqual(server.stateAt(5));
    expect(timeline.messages.map((m) => [m.seq, m.body, m.deletedAt !== null])).toEqual([
      [1, 'message 1 edit 3', false],
      [2, '', true],
      [3, 'message 3', false],
    ]);
    expect(timeline.behind).toBe(false);
    expect(timeline.revision).toBe(5);
  });

  it('ignores a duplicate and an edit older than the version held', () => {
    const timeline = openedEmpty(server);
    for (const revision of [1, 2, 3]) timeline.applyEvent(event(revision));
    const version = timeline.version;
    expect(timeline.applyEvent(event(3))).toBe(false);
    expect(timeline.applyEvent(event(1))).toBe(false);
    expect(timeline.version).toBe(version);
    expect(timeline.messages[0]!.body).toBe('message 1 edit 3');
  });

  it('reports a gap when a revision is skipped, and closes it when the late event arrives', () => {
    const timeline = openedEmpty(server);
    timeline.applyEvent(event(1));
    timeline.applyEvent(event(3));
    expect(timeline.behind).toBe(true);
    expect(timeline.revision).toBe(1);
    timeline.applyEvent(event(2));
    expect(timeline.behind).toBe(false);
    expect(timeline.revision).toBe(3);
  });

  it('reports a gap from the stamp of a non-message room event', () => {
    const timeline = openedEmpty(server);
    timeline.applyEvent(event(1));
    timeline.observe({ lastSeq: 2, revision: 1 });
    expect(timeline.behind).toBe(true);
    timeline.applyChanges(1, server.changes(1, 10, 2)!);
    expect(timeline.behind).toBe(false);
    expect(timeline.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('stays behind after a changes page that has more, even once events fill the revisions', () => {
    // seq 2 was created at revision 2 and edited at 4: a page cut at revision 3 does not hold it yet.
    const model = new RoomServerModel([
      { kind: 'send' },
      { kind: 'send' },
      { kind: 'send' },
      { kind: 'edit', pick: 1 },
    ]);
    const timeline = openedEmpty(model);
    const page = model.changes(0, 2)!;
    expect(page).toMatchObject({ revision: 3, hasMore: true });
    timeline.applyChanges(0, page);
    expect(timeline.messages.map((m) => m.seq)).toEqual([1, 3]);
    expect(timeline.behind).toBe(true);
    timeline.applyChanges(3, model.changes(3, 2)!);
    expect(timeline.behind).toBe(false);
    expect(timeline.messages).toEqual(model.stateAt(4));
  });

  it('does not move its cursor for a changes page asked from beyond it', () => {
    const timeline = openedEmpty(server);
    timeline.applyChanges(3, server.changes(3, 10)!);
    expect(timeline.revision).toBe(0);
    expect(timeline.behind).toBe(true);
  });

  it('shows only the loaded window and keeps changes to older messages for when it grows', () => {
    const timeline = new RoomTimeline(server.roomId, 4);
    timeline.applyHistory(server.history({ limit: 1 }, 4));
    expect(timeline.messages.map((m) => m.seq)).toEqual([3]);
    expect(timeline.hasOlder).toBe(true);
    timeline.applyEvent(event(5)); // deletes seq 2, outside the window
    expect(timeline.messages.map((m) => m.seq)).toEqual([3]);
    // The older page was read before the deletion: the deletion held must win over it.
    timeline.applyHistory(server.history({ before: 3, limit: 10 }, 4));
    expect(timeline.hasOlder).toBe(false);
    expect(timeline.messages).toEqual(server.stateAt(5));
  });

  it('starts over from the latest page on reset', () => {
    const timeline = openedEmpty(server);
    timeline.applyEvent(event(1));
    timeline.reset(5, server.history({ limit: 2 }, 5));
    expect(timeline.messages).toEqual(server.stateAt(5).slice(1));
    expect(timeline.revision).toBe(5);
    expect(timeline.behind).toBe(false);
  });

  it('ignores messages of another room', () => {
    const timeline = new RoomTimeline('00000000-0000-4000-8000-00000000ffff', 0);
    timeline.applyHistory({ messages: [], hasMore: false });
    expect(timeline.applyEvent(event(1))).toBe(false);
    expect(timeline.messages).toEqual([]);
  });

  it('converges to the server state for any order of all events, duplicates included', () => {
    fc.assert(
      fc.property(
        operations.chain((ops) => {
          const model = new RoomServerModel(ops);
          const indexes = fc.array(fc.nat(model.revision - 1), { maxLength: 20 });
          return fc.tuple(
            fc.constant(model),
            fc.shuffledSubarray(
              model.events.map((_, i) => i),
              { minLength: model.revision },
            ),
            indexes,
          );
        }),
        ([model, order, duplicates]) => {
          const timeline = openedEmpty(model);
          for (const index of [...order, ...duplicates]) timeline.applyEvent(model.events[index]!.payload);
          expect(timeline.behind).toBe(false);
          expect(timeline.messages).toEqual(model.stateAt(model.revision));
        },
      ),
    );
  });

  it('never claims to be complete when it is not, whatever events were lost', () => {
    fc.assert(
      fc.property(
        operations.chain((ops) => {
          const model = new RoomServerModel(ops);
          const index = fc.nat(model.revision - 1);
          return fc.tuple(fc.constant(model), fc.array(index, { minLength: 1, maxLength: 50 }));
        }),
        ([model, delivered]) => {
          const timeline = openedEmpty(model);
          let seen = 0;
          for (const index of delivered) {
            const { payload } = model.events[index]!;
            timeline.applyEvent(payload);
            seen = Math.max(seen, payload.revision);
            if (!timeline.behind) expect(timeline.messages).toEqual(model.stateAt(seen));
          }
        },
      ),
    );
  });

  it('equals the server after any interleaving of events, catch-up pages and older pages', () => {
    type Step =
      | { kind: 'event'; index: number }
      | { kind: 'changes' | 'older'; limit: number; bump: number; delay: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('event' as const), index: fc.nat(200) }) },
      fc.record({
        kind: fc.constantFrom('changes' as const, 'older' as const),
        limit: fc.integer({ min: 1, max: 5 }),
        bump: fc.nat(5),
        delay: fc.nat(6),
      }),
    );
    fc.assert(
      fc.property(
        operations,
        fc.nat(40),
        fc.integer({ min: 1, max: 6 }),
        fc.array(step, { maxLength: 60 }),
        (ops, openAt, latestLimit, steps) => {
          const model = new RoomServerModel(ops);
          const last = model.revision;
          // The server's clock: a request is answered no earlier than anything the client has already seen.
          let now = Math.min(openAt, last);
          const timeline = new RoomTimeline(model.roomId, now);
          type Pending = { due: number; apply: () => void };
          const pending: Pending[] = [];
          const ask = (bump: number) => (now = Math.min(last, now + bump));
          const latestAt = ask(1);
          pending.push({
            due: 2,
            apply: () => timeline.applyHistory(model.history({ limit: latestLimit }, latestAt)),
          });

          const checkSound = () => {
            const ids = timeline.messages.map((m) => m.id);
            expect(new Set(ids).size).toBe(ids.length);
            if (!timeline.behind)
              expect(timeline.messages).toEqual(truthFrom(model, timeline.revision, timeline));
          };
          steps.forEach((s, i) => {
            if (s.kind === 'event') {
              const { payload } = model.events[s.index % last]!;
              now = Math.max(now, payload.revision);
              timeline.applyEvent(payload);
            } else if (s.kind === 'changes') {
              const since = timeline.revision;
              const at = ask(s.bump);
              const page = model.changes(since, s.limit, Math.max(at, since))!;
              pending.push({ due: i + s.delay, apply: () => timeline.applyChanges(since, page) });
            } else if (timeline.oldestSeq !== null) {
              const page = model.history({ before: timeline.oldestSeq, limit: s.limit }, ask(s.bump));
              pending.push({ due: i + s.delay, apply: () => timeline.applyHistory(page) });
            }
            for (const answer of pending.filter((p) => p.due <= i)) {
              pending.splice(pending.indexOf(answer), 1);
              answer.apply();
            }
            checkSound();
          });
          for (const answer of pending) answer.apply();
          checkSound();

          // Reconnect: catch up at the final state, then scroll back to the first message.
          for (let more = true; more;) {
            const since = timeline.revision;
            const page = model.changes(since, 3)!;
            timeline.applyChanges(since, page);
            more = page.hasMore;
          }
          while (timeline.hasOlder)
            timeline.applyHistory(model.history({ before: timeline.oldestSeq!, limit: 4 }));
          expect(timeline.behind).toBe(false);
          expect(timeline.messages).toEqual(model.stateAt(last));
        },
      ),
      { numRuns: 300 },
    );
  });
});
