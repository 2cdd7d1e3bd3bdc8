import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import operations from './operations.js';
import { serverOptions } from './server-options.js';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  [field: string]: unknown;
}
const INFO = 30;
const DEBUG = 20;

let app: FastifyInstance | undefined;
afterEach(() => app?.close());

/** A server with the shared options whose log lines land in `lines`, and a few routes to call. */
async function serverLoggingTo(lines: LogLine[], logLevel: string): Promise<FastifyInstance> {
  const logStream = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
  const server = Fastify(serverOptions({ service: 'test', logLevel, logStream }));
  await server.register(operations);
  server.get('/api/rooms/:roomId/messages', async () => ({ messages: [] }));
  server.post(
    '/api/rooms/:roomId/messages',
    { schema: { body: { type: 'object', required: ['body'], properties: { body: { type: 'string' } } } } },
    async (_request, reply) => reply.code(201).send({ ok: true }),
  );
  server.get('/api/broken', async () => {
    throw new Error('broken on purpose');
  });
  await server.ready();
  return (app = server);
}

const requests = [
  {
    method: 'GET',
    url: '/api/rooms/r-1/messages?after=4',
    route: '/api/rooms/:roomId/messages',
    status: 200,
  },
  {
    method: 'POST',
    url: '/api/rooms/r-2/messages',
    body: { body: 'hi' },
    route: '/api/rooms/:roomId/messages',
    status: 201,
  },
  {
    method: 'POST',
    url: '/api/rooms/r-3/messages',
    body: {},
    route: '/api/rooms/:roomId/messages',
    status: 400,
  },
  { method: 'GET', url: '/api/nowhere/r-4', route: 'unmatched', status: 404 },
  { method: 'GET', url: '/api/broken', route: '/api/broken', status: 500 },
] as const;

async function callEach(server: FastifyInstance): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, request] of requests.entries()) {
    const id = `request-${index}`;
    const response = await server.inject({
      method: request.method,
      url: request.url,
      headers: { 'x-request-id': id },
      ...('body' in request ? { payload: request.body } : {}),
    });
    expect(response.statusCode).toBe(request.status);
    ids.push(id);
  }
  return ids;
}

describe('request logging (serverOptions)', () => {
  it('logs exactly one info line per request: method, route pattern, status, duration', async () => {
    const lines: LogLine[] = [];
    const ids = await callEach(await serverLoggingTo(lines, 'info'));

    const requestLines = lines.filter((line) => line.reqId !== undefined);
    for (const [index, id] of ids.entries()) {
      const own = requestLines.filter((line) => line.reqId === id && line.level === INFO);
      expect(own, `info lines of ${requests[index]!.method} ${requests[index]!.url}`).toHaveLength(1);
      expect(own[0]).toMatchObject({
        msg: 'request',
        method: requests[index]!.method,
        route: requests[index]!.route,
        status: requests[index]!.status,
      });
      expect(own[0]!.durationMs).toEqual(expect.any(Number));
      expect(own[0]!.durationMs as number).toBeGreaterThanOrEqual(0);
      // The URL (ids, query) is a detail: not in the info line.
      expect(JSON.stringify(own[0])).not.toContain('r-1');
    }
    // Nothing below info leaks out, and the only line above it is the 500's error.
    expect(requestLines.filter((line) => line.level < INFO)).toEqual([]);
    const above = requestLines.filter((line) => line.level > INFO);
    expect(above.map((line) => [line.reqId, (line.err as { message?: string }).message])).toEqual([
      [ids[4], 'broken on purpose'],
    ]);
  });

  it('keeps the details at debug: the URL with its ids and query', async () => {
    const lines: LogLine[] = [];
    const [first] = await callEach(await serverLoggingTo(lines, 'debug'));

    const own = lines.filter((line) => line.reqId === first);
    expect(own.filter((line) => line.level === INFO)).toHaveLength(1);
    const incoming = own.find((line) => line.level === DEBUG && line.msg === 'incoming request');
    expect(incoming?.req).toMatchObject({ method: 'GET', url: '/api/rooms/r-1/messages?after=4' });
  });

  it('logs nothing for probes that succeed (they log from warn up)', async () => {
    const lines: LogLine[] = [];
    const server = await serverLoggingTo(lines, 'info');
    expect((await server.inject('/healthz')).statusCode).toBe(200);
    expect(lines.filter((line) => line.reqId !== undefined)).toEqual([]);
  });
});
