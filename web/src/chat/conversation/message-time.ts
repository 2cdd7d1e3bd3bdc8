/** "14:05" in the reader's locale. */
export const shortTime = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** "Tuesday 4 March 2026 at 14:05:09", for the tooltip. */
export const fullTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'medium' });
