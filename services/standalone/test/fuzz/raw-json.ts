import fc from 'fast-check';

/**
 * A JSON fragment written into a body verbatim, for what JSON.stringify cannot produce: numbers such as
 * `1e400` (which JSON.parse reads as Infinity) or 40-digit integers.
 */
export class RawJson {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return `raw(${this.text.slice(0, 40)})`;
  }
}

/** JSON.stringify, with every RawJson written as its text. */
export function serializeJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (!(item instanceof RawJson)) return item;
    raws.push(item.text);
    return `__raw_json_${raws.length - 1}__`;
  });
  // JSON.stringify(undefined) is undefined: a top-level "no value" is sent as an empty body.
  if (text === undefined) return '';
  return text.replace(/"__raw_json_(\d+)__"/g, (_match, index: string) => raws[Number(index)]!);
}
