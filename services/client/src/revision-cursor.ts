/**
 * How far a client holds a room's changes, counted in room revisions.
 *
 * Every content change of a room (new, edit, delete) takes the next revision, and each revision belongs to
 * exactly one message. `value` is the highest revision `c` such that every message whose latest change is
 * at or below `c` is held at that change: `changes?since=value` is then exactly what is missing.
 * Revisions held beyond `value` (events that arrived out of order) are remembered, so the cursor closes the
 * gap by itself when the late event arrives, like a reassembly buffer, without a request.
 */
export class RevisionCursor {
  #value: number;
  #target: number;
  readonly #ahead = new Set<number>();

  constructor(value: number) {
    this.#value = value;
    this.#target = value;
  }

  /** Every change up to this revision is held. */
  get value(): number {
    return this.#value;
  }

  /** The highest revision the room is known to have reached. */
  get target(): number {
    return this.#target;
  }

  /** Some change the room is known to have is not held yet. */
  get behind(): boolean {
    return this.#target > this.#value;
  }

  /**
   * The message whose change took `revision` is held at that change or a later one. Any message received
   * from the server (event, page, send answer) proves this for its own `revision`.
   */
  hold(revision: number): void {
    this.observe(revision);
    if (revision <= this.#value) return;
    this.#ahead.add(revision);
    this.#advance();
  }

  /** The room has reached `revision` (a stamp on an event), whether or not that change is held. */
  observe(revision: number): void {
    if (revision > this.#target) this.#target = revision;
  }

  /** Everything up to `revision` is held: a changes page asked from at most `value` said so. */
  jumpTo(revision: number): void {
    this.observe(revision);
    if (revision <= this.#value) return;
    this.#value = revision;
    for (const held of this.#ahead) if (held <= revision) this.#ahead.delete(held);
    this.#advance();
  }

  #advance(): void {
    while (this.#ahead.delete(this.#value + 1)) this.#value += 1;
  }
}
