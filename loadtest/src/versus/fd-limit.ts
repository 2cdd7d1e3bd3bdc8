import { readFileSync } from 'node:fs';

/** The soft limit on open files of this process (children inherit it), from /proc/self/limits. */
export function openFileLimit(): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return !match || match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

/**
 * Fails early, with the fix, when one process would need more sockets than it may open. Node cannot
 * raise its own limit, and the children inherit ours; `ulimit -n` in the shell raises it up to the hard limit.
 */
export function requireOpenFiles(perProcess: number): void {
  const limit = openFileLimit();
  const needed = perProcess + 200; // sockets plus the process's own files, pipes and pools
  if (limit < needed)
    throw new Error(
      `one process here holds up to ${perProcess} sockets but may open only ${limit} files: run \`ulimit -n ${needed}\` (or higher) first`,
    );
}
