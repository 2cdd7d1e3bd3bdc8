import { Type, type Static } from 'typebox';

export const Id = Type.String({ format: 'uuid', description: 'A UUID' });
export type Id = Static<typeof Id>;

/** ISO-8601 timestamp with a time zone, as produced by `Date.prototype.toISOString`. */
export const Timestamp = Type.String({ format: 'date-time' });
export type Timestamp = Static<typeof Timestamp>;

/**
 * Largest counter accepted on input: Postgres stores them as bigint, and JavaScript numbers past 2^53 are
 * not exact; anything beyond (1e20, Infinity) is a 400, not a database error.
 */
export const COUNTER_MAX = Number.MAX_SAFE_INTEGER;
/** A per-room message sequence number or revision: 1, 2, 3, … (0 means "nothing yet"). */
export const Counter = Type.Integer({ minimum: 0, maximum: COUNTER_MAX });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export const Ok = Type.Object({ ok: Type.Literal(true) });
export type Ok = Static<typeof Ok>;
