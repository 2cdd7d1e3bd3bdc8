import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { findFreePortRange } from './free-ports.js';

const run = promisify(execFile);
const REPO_ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(REPO_ROOT, 'infra/cluster.sh');

export interface ClusterOptions {
  /** Postgres database of this cluster (created when missing). */
  databaseUrl: string;
  /** @default 'redis://127.0.0.1:6379' */
  redisUrl?: string;
  /** Prefix of every Redis key and channel: give each test cluster its own. @default 'livechat' */
  redisPrefix?: string;
  /** @default 2 */
  apiReplicas?: number;
  /** @default 3 */
  gatewayReplicas?: number;
  /** Run folder (logs, keys, nginx config). @default a fresh temporary folder */
  dir?: string;
  /** Folder nginx serves as the web app; must hold index.html. @default the script's (web/dist, built if missing) */
  webRoot?: string;
  /** @default the cluster's own URL */
  publicUrl?: string;
  /** @default 'warn' */
  logLevel?: string;
  /** Any other variable for every replica, e.g. RATE_LIMIT_AUTH_PER_MINUTE. */
  env?: Record<string, string>;
  /** @default 90 */
  readyTimeoutSeconds?: number;
}

/** One process the cluster script started; each leads its own process group. */
export interface ClusterProcess {
  role: 'api' | 'gateway' | 'nginx';
  /** e.g. `gateway-2`; its log is `<dir>/logs/<name>.log` (nginx: nginx-error.log, nginx-access.log). */
  name: string;
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Its internal Prometheus listener, `http://127.0.0.1:<metrics port>` (`<url>/metrics` is not served); null for nginx. */
  metricsUrl: string | null;
}

export interface RunningCluster {
  /** Where clients connect: nginx. */
  url: string;
  dir: string;
  env: Record<string, string>;
  processes: ClusterProcess[];
  api: ClusterProcess[];
  gateways: ClusterProcess[];
  nginx: ClusterProcess;
  /** The script's start output. */
  output: string;
  stop(): Promise<void>;
}

/** Reads `<dir>/processes`, the script's record of what it started. */
export async function readClusterProcesses(dir: string): Promise<ClusterProcess[]> {
  const text = await readFile(join(dir, 'processes'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [role, name, pid, port, metricsPort] = line.split(' ');
      return {
        role: role as ClusterProcess['role'],
        name: name!,
        pid: Number(pid),
        port: Number(port),
        url: `http://127.0.0.1:${port}`,
        metricsUrl: metricsPort ? `http://127.0.0.1:${metricsPort}` : null,
      };
    });
}

async function runScript(command: string, env: Record<string, string>): Promise<string> {
  try {
    const { stdout, stderr } = await run('bash', [SCRIPT, command], {
      env: { ...process.env, ...env },
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`infra/cluster.sh ${command} failed:\n${stdout}${stderr}`, { cause: error });
  }
}

/** Stops the cluster recorded in `dir`: SIGTERM, then SIGKILL after the script's bound. */
export async function stopCluster(dir: string): Promise<void> {
  await runScript('stop', { CLUSTER_DIR: dir });
}

/**
 * Starts API and gateway replicas behind nginx with infra/cluster.sh, on free loopback ports, and waits
 * until all answer. Give each test its own database and Redis prefix; always `stop()` it.
 */
export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const apiReplicas = options.apiReplicas ?? 2;
  const gatewayReplicas = options.gatewayReplicas ?? 3;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'livechat-cluster-')));
  // nginx, then each replica's port, then each replica's metrics port (the script's default layout).
  const port = await findFreePortRange(1 + 2 * (apiReplicas + gatewayReplicas));
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...options.env,
    CLUSTER_DIR: dir,
    CLUSTER_PORT: String(port),
    API_REPLICAS: String(apiReplicas),
    GATEWAY_REPLICAS: String(gatewayReplicas),
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: options.redisPrefix ?? 'livechat',
    PUBLIC_URL: options.publicUrl ?? url,
    LOG_LEVEL: options.logLevel ?? 'warn',
    READY_TIMEOUT_SECONDS: String(options.readyTimeoutSeconds ?? 90),
    ...(options.webRoot ? { WEB_ROOT: options.webRoot } : {}),
  };
  const output = await runScript('start', env);
  const processes = await readClusterProcesses(dir);
  const nginx = processes.find((process) => process.role === 'nginx');
  if (!nginx) throw new Error(`the cluster script recorded no nginx in ${dir}`);
  return {
    url,
    dir,
    env,
    processes,
    api: processes.filter((process) => process.role === 'api'),
    gateways: processes.filter((process) => process.role === 'gateway'),
    nginx,
    output,
    stop: () => stopCluster(dir),
  };
}
