/**
 * The message formatting we render: a chat-sized subset of Markdown, as plain data. Nothing in it is
 * HTML — text stays text whatever it contains, and a link exists only with an href `safeHref` accepted —
 * so the renderer can only ever produce the few elements below.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em' | 'strike'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'break' };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'code-block'; text: string }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] };

/**
 * How deep formatting nests (emphasis in emphasis, quotes in quotes) before the rest is plain text: a
 * message of 4,000 asterisks or `>` must not build 2,000 nested elements.
 */
export const MAX_NESTING = 4;
