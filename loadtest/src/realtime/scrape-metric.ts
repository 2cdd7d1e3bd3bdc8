/** Reads one unlabelled gauge from a process's metrics listener (its METRICS_PORT), or null if it is not exported. */
export async function scrapeMetric(metricsUrl: string, name: string): Promise<number | null> {
  const text = await fetch(`${metricsUrl}/metrics`).then(
    (response) => (response.ok ? response.text() : ''),
    () => '',
  );
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}
