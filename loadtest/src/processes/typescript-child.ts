import { fork, type ChildProcess } from 'node:child_process';
import { onNotice } from '../ipc/ipc-rpc.js';

export interface TypeScriptChildOptions {
  env?: Record<string, string>;
  /** Forward the child's stderr (its crash reports) to ours (default); stdout is dropped. */
  stderr?: boolean;
}

/**
 * Starts a TypeScript entry file in its own Node process (through tsx's loader) with an IPC channel, so
 * the benchmark can read that process's CPU time and memory from /proc and keep the load generator off
 * its event loop. Services that do not speak IPC (the gateway) simply never use the channel.
 */
export function forkTypeScript(entry: string, options: TypeScriptChildOptions = {}): ChildProcess {
  // BENCH_CPU_PROFILE_DIR=/some/dir writes a V8 CPU profile of every child (Node refuses --cpu-prof in NODE_OPTIONS).
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  return fork(entry, [], {
    execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', options.stderr === false ? 'ignore' : 'inherit', 'ipc'],
  });
}

/** Ends a child we started: SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Forks a TypeScript child that announces itself with a `ready` notice (see ipc-rpc.ts) and waits for it;
 * a child that dies or fails first is stopped and the error thrown.
 */
export async function forkUntilReady<R>(
  entry: string,
  options: TypeScriptChildOptions = {},
): Promise<{ child: ChildProcess; ready: R }> {
  const child = forkTypeScript(entry, options);
  try {
    return { child, ready: await onNotice<R>(child, 'ready') };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
