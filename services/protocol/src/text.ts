import { Type } from 'typebox';

// Character classes written as \uXXXX escapes so they mean the same with and without Ajv's `u` flag.

/** C0 and C1 control characters except tab and newline; Postgres refuses U+0000 outright. */
const CONTROLS_BUT_TAB_NEWLINE = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F';
/** Every C0 and C1 control character: a name is one line. */
const CONTROLS = '\\u0000-\\u001F\\u007F-\\u009F';
/** Bidi marks, embeddings, overrides and isolates: in a name they let one person pass as another. */
const BIDI_CONTROLS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
/** Whitespace and characters that render as nothing (zero-width, word joiner, BOM, Hangul fillers, …). */
const INVISIBLE = '\\s\\u00AD\\u034F\\u115F\\u1160\\u180E\\u200B-\\u200F\\u2060-\\u2064\\uFEFF\\u3164\\uFFA0';
/**
 * No half of a surrogate pair alone ("\uD800" is valid JSON but no text): Postgres refuses it in the
 * event's jsonb (a 500 the fuzz suite found). Written to mean the same with and without the `u` flag.
 */
const WHOLE_SURROGATES =
  '(?![\\s\\S]*(?:[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]))';
/** At least one character that is neither whitespace nor invisible. */
const SOMETHING_VISIBLE = `(?=[\\s\\S]*[^${INVISIBLE}${CONTROLS}])`;

/** Text that reaches Postgres as typed: no control characters but tab and newline. */
export const PLAIN_TEXT_PATTERN = `^${WHOLE_SURROGATES}[^${CONTROLS_BUT_TAB_NEWLINE}]*$`;
/** A message body: plain text that shows something. */
export const MESSAGE_TEXT_PATTERN = `^${WHOLE_SURROGATES}${SOMETHING_VISIBLE}[^${CONTROLS_BUT_TAB_NEWLINE}]*$`;
/** A display or room name: one line, no bidi controls, something visible. */
export const NAME_PATTERN = `^${WHOLE_SURROGATES}${SOMETHING_VISIBLE}[^${CONTROLS}${BIDI_CONTROLS}]*$`;

/** A name as stored: NFC (so a decomposed "é" is the same name as a composed one), trimmed. */
export const normalizeName = (name: string): string => name.normalize('NFC').trim();

/** A display or room name of bounded length. */
export const nameText = (minLength: number, maxLength: number, description?: string) =>
  Type.String({ minLength, maxLength, pattern: NAME_PATTERN, ...(description ? { description } : {}) });

/** Free text of bounded length (search queries, filters). */
export const plainText = (minLength: number, maxLength: number) =>
  Type.String({ minLength, maxLength, pattern: PLAIN_TEXT_PATTERN });
