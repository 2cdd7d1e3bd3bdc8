import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { loadApiConfig } from '../../src/config.js';
import { createMailSender } from '../../src/mail/create-mail-sender.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One `POST /emails` as the stub received it. */
export interface ResendRequest {
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  body: { from: string; to: string | string[]; subject: string; text?: string; html?: string };
  /** How the stub answered. */
  outcome: 'failed' | 'delivered' | 'replayed' | 'dropped';
}

export interface ResendStubOptions {
  /** Answer the first N requests with a 500 (a Resend outage). */
  failFirst?: number;
  /** Accept the first N deliveries but cut the connection before answering (the response is lost). */
  dropFirst?: number;
  /** Refuse the first N requests with a 422 validation error, as Resend does for a bad address. */
  rejectFirst?: number;
}

/**
 * A local stand-in for the Resend API, reached through the real SDK (`RESEND_BASE_URL`). It records every
 * request and, like Resend, treats a repeated Idempotency-Key as the same mail: answered again, delivered
 * once. `deliveries` is what recipients would actually get.
 */
export async function startResendStub(options: ResendStubOptions = {}) {
  const requests: ResendRequest[] = [];
  const delivered = new Map<string, { id: string; body: ResendRequest['body'] }>();
  let failuresLeft = options.failFirst ?? 0;
  let dropsLeft = options.dropFirst ?? 0;
  let rejectionsLeft = options.rejectFirst ?? 0;

  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ResendRequest['body'];
  };

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'POST' || request.url !== '/emails') {
        return answer(response, 404, { statusCode: 404, name: 'not_found', message: 'No such route' });
      }
      const body = await readBody(request);
      const header = request.headers['idempotency-key'];
      const record: ResendRequest = {
        idempotencyKey: Array.isArray(header) ? header[0] : header,
        authorization: request.headers.authorization,
        body,
        outcome: 'failed',
      };
      requests.push(record);
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return answer(response, 500, {
          statusCode: 500,
          name: 'internal_server_error',
          message: 'Stub outage',
        });
      }
      if (rejectionsLeft > 0) {
        rejectionsLeft -= 1;
        return answer(response, 422, {
          statusCode: 422,
          name: 'validation_error',
          message: 'Invalid `to` field',
        });
      }
      const key = record.idempotencyKey ?? randomUUID();
      const earlier = delivered.get(key);
      if (earlier) {
        record.outcome = 'replayed';
        return answer(response, 200, { id: earlier.id });
      }
      const id = randomUUID();
      delivered.set(key, { id, body });
      if (dropsLeft > 0) {
        dropsLeft -= 1;
        record.outcome = 'dropped';
        response.socket?.destroy();
        return;
      }
      record.outcome = 'delivered';
      answer(response, 200, { id });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Mails recipients got: one per distinct idempotency key, whatever the retries. */
    get deliveries() {
      return [...delivered.values()].map((entry) => entry.body);
    },
    /** Resolves once `count` mails were delivered; fails after `timeoutMs`. */
    async waitForDeliveries(count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (delivered.size < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} deliveries, got ${delivered.size} after ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return [...delivered.values()].map((entry) => entry.body);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type ResendStub = Awaited<ReturnType<typeof startResendStub>>;

/** The app's real Resend sender (the SDK, as configured by RESEND_API_KEY + RESEND_BASE_URL) aimed at a stub. */
export const resendSenderFor = (stub: { url: string }) =>
  createMailSender(
    loadApiConfig({ RESEND_API_KEY: 're_test_key', RESEND_BASE_URL: stub.url }),
    pino({ level: 'silent' }),
  );
