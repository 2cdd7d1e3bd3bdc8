/** The parts of a V8 `.cpuprofile` (Chrome DevTools format) that self time is computed from. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  /** Microseconds between consecutive samples (the first is from the profile's start). */
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** file:line, shortened to the part after node_modules/ or the repository's folders. */
  where: string;
  selfMs: number;
}

const shorten = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/(services|loadtest)\//, '$1/');

/**
 * Self time per function: each sample's interval goes to the node on top of the stack then, and nodes
 * of the same function (same name, file and line; V8 keeps one node per call path) are added up. The
 * idle, program and GC pseudo-frames are kept: they say how busy the process was.
 */
export function topSelfTime(profile: CpuProfile, top: number): { totalMs: number; functions: SelfTime[] } {
  const byNode = new Map<number, number>();
  profile.samples.forEach((nodeId, index) =>
    byNode.set(nodeId, (byNode.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0)),
  );
  const byFunction = new Map<string, SelfTime>();
  let totalUs = 0;
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${shorten(url)}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where, selfMs: 0 };
    entry.selfMs += us / 1000;
    byFunction.set(key, entry);
  }
  const functions = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  return { totalMs: totalUs / 1000, functions };
}
