import { readFileSync } from 'node:fs';

/** One thing to wait for: a process (by pid) that must answer 200 on `url`. */
export interface ReadinessTarget {
  name: string;
  url: string;
  /** When given, the wait for this target ends at once if the process exits. */
  pid?: number;
}

export interface NotReady {
  name: string;
  reason: string;
}

const POLL_INTERVAL_MS = 250;
const REQUEST_TIMEOUT_MS = 2000;

/** A process that exited but was not reaped yet (a zombie) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (command) state …"; the command may contain spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
}

async function probe(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.status === 200 ? null : `answered ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as Error).message;
  }
}

/**
 * Polls every target until each answers 200, its process exits, or `timeoutMs` passes.
 * @returns the targets that never became ready, with the last reason seen (empty when all are ready)
 */
export async function waitUntilReady(targets: ReadinessTarget[], timeoutMs: number): Promise<NotReady[]> {
  const deadline = Date.now() + timeoutMs;
  const results = await Promise.all(
    targets.map(async (target): Promise<NotReady | null> => {
      for (;;) {
        if (target.pid !== undefined && !isAlive(target.pid)) return { name: target.name, reason: 'exited' };
        const failure = await probe(target.url);
        if (failure === null) return null;
        if (Date.now() >= deadline) return { name: target.name, reason: failure };
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    }),
  );
  return results.filter((result): result is NotReady => result !== null);
}
