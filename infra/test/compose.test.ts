import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ApiEnv } from '@livechat/api';
import { GatewayEnv } from '@livechat/gateway';
import { ERROR_STATUS, type ErrorCode } from '@livechat/protocol';
import { SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from '@livechat/server-kit';

// docker-compose.yml cannot be started here (no Docker engine): these checks hold it to the services' own
// configuration schemas and to infra/cluster.sh, which is exercised end to end.
const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: { target?: string; dockerfile?: string };
  deploy?: { replicas?: number };
  environment?: Record<string, string>;
  working_dir?: string;
  networks?: { default?: { ipv4_address?: string } };
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

/** The settings infra/docker-entrypoint.sh reads from `NAME_FILE`. */
const fileVariables = /^SECRET_VARIABLES="(.*)"$/m.exec(read('infra/docker-entrypoint.sh'))![1]!.split(' ');

/** Variable names a service reads; `NAME_FILE` is read as NAME by infra/docker-entrypoint.sh. */
const composeNames = (service: string) =>
  Object.keys(services[service]?.environment ?? {})
    .map((name) => name.replace(/_FILE$/, ''))
    .sort();

/** What infra/cluster.sh gives replica 1 of a role (`cluster.sh env <role>`). */
function clusterEnv(role: 'api' | 'gateway'): Record<string, string> {
  const output = execFileSync('bash', [join(root, 'infra/cluster.sh'), 'env', role], {
    env: { ...process.env, CLUSTER_DIR: '/nonexistent-livechat-cluster' },
    encoding: 'utf8',
  });
  return Object.fromEntries(
    output
      .trim()
      .split('\n')
      .map((line): [string, string] => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)];
      }),
  );
}

const schemas = { api: ApiEnv, gateway: GatewayEnv };

describe('docker-compose.yml', () => {
  it('runs postgres 15, redis 7, API ×2, gateway ×3 and nginx', () => {
    expect(services.postgres?.image).toMatch(/^postgres:15/);
    expect(services.redis?.image).toMatch(/^redis:7/);
    expect(services.api?.deploy?.replicas).toBe(2);
    expect(services.gateway?.deploy?.replicas).toBe(3);
    expect(services.nginx?.build?.target).toBe('web');
  });

  it.each(['api', 'gateway'] as const)('sets only variables the %s reads', (role) => {
    const known = Object.keys(schemas[role].properties);
    expect(composeNames(role).filter((name) => !known.includes(name))).toEqual([]);
    const fromFiles = Object.keys(services[role]!.environment!).filter((name) => name.endsWith('_FILE'));
    expect(fromFiles.length).toBeGreaterThan(0);
    for (const name of fromFiles) expect(fileVariables).toContain(name.replace(/_FILE$/, ''));
  });

  it.each(['api', 'gateway'] as const)('sets every variable infra/cluster.sh sets for the %s', (role) => {
    const scriptNames = Object.keys(clusterEnv(role));
    expect(scriptNames.length).toBeGreaterThan(5);
    expect(composeNames(role)).toEqual(expect.arrayContaining(scriptNames));
    // Whatever compose sets beyond the script, the script passes through from its own environment.
    const known = Object.keys(schemas[role].properties);
    expect(scriptNames.filter((name) => !known.includes(name))).toEqual([]);
  });

  it('gives API and gateways the same Redis prefix and origins, and trusts only nginx as a proxy', () => {
    const api = services.api!.environment!;
    const gateway = services.gateway!.environment!;
    expect(gateway.REDIS_PREFIX).toBe(api.REDIS_PREFIX);
    expect(gateway.ALLOWED_ORIGINS).toBe(api.ALLOWED_ORIGINS);
    const nginxAddress = services.nginx?.networks?.default?.ipv4_address;
    expect(nginxAddress).toBeDefined();
    expect(api.TRUST_PROXY).toBe(nginxAddress);
    expect(gateway.TRUST_PROXY).toBe(nginxAddress);
  });

  it('points nginx at the ports the replicas listen on', () => {
    const upstreams = read('infra/nginx/compose/http.conf');
    expect(upstreams).toContain(`server api:${services.api!.environment!.PORT};`);
    expect(upstreams).toContain(`server gateway:${services.gateway!.environment!.PORT};`);
    expect(services.gateway!.environment!.API_URL).toBe(`http://api:${services.api!.environment!.PORT}`);
  });

  it('builds the targets it names from infra/Dockerfile, on the Node major the repo pins', () => {
    const dockerfile = read('infra/Dockerfile');
    for (const service of Object.values(services)) {
      if (service.build)
        expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${service.build.target}$`, 'm'));
    }
    const pinned = (JSON.parse(read('package.json')) as { devDependencies: Record<string, string> })
      .devDependencies.node!;
    expect(dockerfile).toContain(`FROM node:${/\d+/.exec(pinned)![0]}-slim AS app`);
  });

  it('runs each service from its workspace folder', () => {
    expect(services.api?.working_dir).toBe('/app/services/api');
    expect(services.gateway?.working_dir).toBe('/app/services/gateway');
    expect(services.migrate?.working_dir).toBe('/app/services/api');
  });
});

describe('nginx.conf', () => {
  it("sends the services' header policy, value for value, on what nginx answers itself", () => {
    const added = new Map(
      [...read('nginx.conf').matchAll(/^ {4}add_header (\S+) "([^"]*)" always;$/gm)].map(
        ([, name, value]) => [name!.toLowerCase(), value!] as const,
      ),
    );
    expect(Object.fromEntries(added)).toEqual(SECURITY_HEADERS);
  });

  it("offers the services' HSTS value, commented, to operators who terminate TLS in nginx", () => {
    const commented = /^ {4}# add_header Strict-Transport-Security "([^"]*)" always;$/m.exec(
      read('nginx.conf'),
    );
    expect(commented?.[1]).toBe(STRICT_TRANSPORT_SECURITY);
  });

  it('answers its own refusals with error codes of the protocol, at their status', () => {
    const conf = read('nginx.conf');
    const answers = [...conf.matchAll(/return (\d{3}) '(\{.*\})';/g)];
    expect(answers.length).toBeGreaterThanOrEqual(2);
    for (const [, status, body] of answers) {
      const problem = JSON.parse(body!.replace('$request_id', 'x')) as { code: ErrorCode; status: number };
      expect(ERROR_STATUS[problem.code]).toBe(Number(status));
      expect(problem.status).toBe(Number(status));
    }
  });

  it('allows bodies a little over the API limit, so the API itself answers 413 up to the margin', () => {
    const limit = /client_max_body_size (\d+)k;/.exec(read('nginx.conf'))?.[1];
    const apiDefault = (ApiEnv.properties.BODY_LIMIT_BYTES as unknown as { default: number }).default;
    expect(Number(limit) * 1024).toBeGreaterThan(apiDefault);
    expect(Number(limit) * 1024).toBeLessThanOrEqual(apiDefault * 2);
  });
});
