/*
 * Query strings read and written as plain `URLSearchParams`, not TanStack Router's default JSON-in-query:
 * mail links are built by the API as `?token=…`, and a token or an address that happens to look like a
 * number or `true` must reach the screen exactly as it was written.
 */
export function parseSearch(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

export function stringifySearch(search: Record<string, unknown>): string {
  const query = new URLSearchParams();
  // Every search param of the app is optional text (see `optionalText`); an empty one is left out.
  for (const [name, value] of Object.entries(search))
    if (typeof value === 'string' && value !== '') query.set(name, value);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** A route's `validateSearch` for one optional text parameter (a mail link's token, an address). */
export const optionalText =
  <Name extends string>(name: Name) =>
  (search: Record<string, unknown>): { [K in Name]?: string } =>
    (typeof search[name] === 'string' ? { [name]: search[name] } : {}) as { [K in Name]?: string };
