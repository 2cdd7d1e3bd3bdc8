import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

export interface UpgradeResult {
  status: number;
  /** The first text frame the server sent after switching protocols (Engine.IO's open packet). */
  firstMessage: string;
}

/**
 * Performs a raw WebSocket handshake (RFC 6455) and reads one unmasked server frame: exactly what a browser
 * asks of nginx, without a Socket.IO client hiding how the upgrade went.
 */
export function openWebSocket(url: string, headers: Record<string, string> = {}): Promise<UpgradeResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...headers,
      },
      timeout: 10_000,
    });
    req.on('timeout', () => req.destroy(new Error('no answer to the upgrade within 10 s')));
    req.on('error', reject);
    req.on('response', (response) => {
      response.resume();
      reject(new Error(`upgrade refused: HTTP ${response.statusCode}`));
    });
    req.on('upgrade', (response, socket, head) => {
      let buffered = head;
      const readFrame = () => {
        if (buffered.length < 2) return;
        let length = buffered[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffered.length < 4) return;
          length = buffered.readUInt16BE(2);
          offset = 4;
        }
        if (buffered.length < offset + length) return;
        socket.destroy();
        resolve({
          status: response.statusCode ?? 0,
          firstMessage: buffered.subarray(offset, offset + length).toString('utf8'),
        });
      };
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        readFrame();
      });
      socket.on('error', reject);
      readFrame();
    });
    req.end();
  });
}
