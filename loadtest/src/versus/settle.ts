import { readFile } from 'node:fs/promises';
import { ADMIN_DATABASE_URL } from '@livechat/api/testing';
import pg from 'pg';
import { sleep } from '../sleep.js';

/** Busy share of all cores under which the machine counts as settled. */
const QUIET_BUSY_SHARE = 0.25;
const SAMPLE_MS = 1000;

/** Jiffies spent busy and in total over all cores so far (first line of /proc/stat). */
async function cpuJiffies(): Promise<{ busy: number; total: number }> {
  const [line] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const fields = line!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = fields[3]! + (fields[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** Share of all cores busy over the next `ms`. */
async function busyShare(ms: number): Promise<number> {
  const before = await cpuJiffies();
  await sleep(ms);
  const after = await cpuJiffies();
  return (after.busy - before.busy) / Math.max(1, after.total - before.total);
}

/**
 * Lets the machine calm down before a side is measured: a CHECKPOINT writes out what earlier rows left
 * dirty in Postgres, then we wait until the cores are mostly idle (autovacuum, a checkpoint's fsyncs,
 * the previous side's processes exiting), at most `boundMs`. Without it the side measured right after a
 * heavy row — LiveChat, which goes first — paid for the previous row's writes while its baseline did not.
 * Returns how long it waited and how busy the machine was at the end, for the row's notes.
 */
export async function settleMachine(boundMs = 30_000): Promise<{ waitedMs: number; busyShare: number }> {
  const started = Date.now();
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query('checkpoint');
  } finally {
    await admin.end();
  }
  let busy = await busyShare(SAMPLE_MS);
  while (busy > QUIET_BUSY_SHARE && Date.now() - started < boundMs) busy = await busyShare(SAMPLE_MS);
  return { waitedMs: Date.now() - started, busyShare: busy };
}
