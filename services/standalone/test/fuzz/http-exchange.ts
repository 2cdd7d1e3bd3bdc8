import { Agent, request } from 'node:http';

export interface HttpRequest {
  method: string;
  /** Path and query, sent as written (already percent-encoded where it should be). */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request over a kept-alive connection, with node:http rather than fetch: fetch normalises paths
 * (`..`, broken percent escapes) and refuses some headers, and a fuzzer must send them as generated.
 */
export function createHttpExchange(baseUrl: string) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const once = (input: HttpRequest): Promise<HttpResponse> =>
    new Promise((resolve, reject) => {
      // Node sends a GET or DELETE body with neither Content-Length nor chunking unless told: unframed,
      // its bytes would be read as the next request on the connection.
      const headers =
        input.body === undefined
          ? input.headers
          : { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) };
      const outgoing = request(
        {
          host: hostname,
          port,
          method: input.method,
          path: input.path,
          headers,
          agent,
          timeout: 30_000,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          incoming.on('error', reject);
        },
      );
      outgoing.on('timeout', () =>
        outgoing.destroy(new Error(`no answer within 30 s: ${input.method} ${input.path.slice(0, 200)}`)),
      );
      // A kept-alive connection the server closed meanwhile (after a 413, say) is not an answer: retry.
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        reject(Object.assign(error, { retryable: outgoing.reusedSocket && error.code === 'ECONNRESET' })),
      );
      outgoing.end(input.body);
    });
  return {
    send: (input: HttpRequest): Promise<HttpResponse> =>
      once(input).catch((error: { retryable?: boolean }) => {
        if (error.retryable) return once(input);
        throw error;
      }),
    close: () => agent.destroy(),
  };
}
