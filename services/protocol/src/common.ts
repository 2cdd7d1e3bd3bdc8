import { Type, type Static } from 'typebox';

export const Id = Type.String({ format: 'uuid', description: 'A UUID' });
export type Id = Static<typeof Id>;

/** ISO-8601 timestamp with a time zone, as produced by `Date.prototype.toISOString`. */
export const Timestamp = Type.String({ format: 'date-time' });
export type Timestamp = Static<typeof Timestamp>;

/** A per-room message sequence number or revision: 1, 2, 3, … (0 means "nothing yet"). */
export const Counter = Type.Integer({ minimum: 0 });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export const Ok = Type.Object({ ok: Type.Literal(true) });
export type Ok = Static<typeof Ok>;

/** Trimmed text of bounded length: leading/trailing whitespace-only names are rejected by `pattern`. */
export const boundedText = (minLength: number, maxLength: number, description?: string) =>
  Type.String({ minLength, maxLength, pattern: '\\S', ...(description ? { description } : {}) });
