import type { AckError, Message, SendMessageBody } from '@livechat/protocol';
import { ApiRequestError } from './api-client.js';
import { newClientId } from './client-id.js';
import type { PendingSends } from './pending-sends.js';
import { withRetry, type RetryOptions } from './retry-policy.js';

export interface MessageSenderOptions {
  pending: PendingSends;
  /** `POST /api/rooms/:id/messages`. */
  post: (roomId: string, body: SendMessageBody) => Promise<Message>;
  /** Told of every confirmed message (it goes into its room's timeline). */
  onSent: (message: Message) => void;
  retry?: RetryOptions;
  /** Aborted when the client closes: retries stop. */
  signal: AbortSignal;
  createClientId?: () => string;
}

/**
 * Sends through the API with a `clientId` chosen once per message. The API stores one message per
 * (sender, clientId) and answers a repeat with the original, so every retry — after a timeout, a dropped
 * answer, a 5xx or a 429 — reuses the same `clientId` and can never post the message twice.
 * A room's messages go one after the other, so a retried message is not overtaken by the next one typed.
 */
export class MessageSender {
  readonly #options: MessageSenderOptions;
  readonly #inflight = new Map<string, Promise<Message>>();
  /** The last delivery queued in each room: the next one starts when it settles. */
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(options: MessageSenderOptions) {
    this.#options = options;
  }

  /** Sends a new message; it is pending (and shown as such) until the server confirms it. */
  send(roomId: string, body: string, replyTo: string | null = null): Promise<Message> {
    const clientId = (this.#options.createClientId ?? newClientId)();
    this.#options.pending.add({ clientId, roomId, body, replyTo });
    return this.#deliver(roomId, clientId);
  }

  /** Sends a failed message again with its original `clientId`; joins the attempt if one is running. */
  retry(roomId: string, clientId: string): Promise<Message> {
    if (!this.#options.pending.get(roomId, clientId)) {
      return Promise.reject(new Error(`no pending message ${clientId} in room ${roomId}`));
    }
    this.#options.pending.update(roomId, clientId, { state: 'sending', error: null });
    return this.#deliver(roomId, clientId);
  }

  /** Forgets a failed message; one still being sent stays (it may already be stored). */
  discard(roomId: string, clientId: string): boolean {
    if (this.#options.pending.get(roomId, clientId)?.state !== 'failed') return false;
    return this.#options.pending.remove(roomId, clientId);
  }

  #deliver(roomId: string, clientId: string): Promise<Message> {
    let running = this.#inflight.get(clientId);
    if (!running) {
      const previous = this.#queues.get(roomId) ?? Promise.resolve();
      running = previous
        .catch(() => undefined)
        .then(() => this.#attempt(roomId, clientId))
        .finally(() => this.#inflight.delete(clientId));
      this.#inflight.set(clientId, running);
      const queued = running.catch(() => undefined);
      this.#queues.set(roomId, queued);
      void queued.then(() => {
        if (this.#queues.get(roomId) === queued) this.#queues.delete(roomId);
      });
    }
    return running;
  }

  async #attempt(roomId: string, clientId: string): Promise<Message> {
    const { pending, retry, signal } = this.#options;
    const message = pending.get(roomId, clientId)!;
    // Read once: if the message's own event confirms it first, it leaves the pending list, and a retry
    // still in progress must go on with the same content to get its answer.
    const body: SendMessageBody = {
      clientId,
      body: message.body,
      ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    };
    let attempts = message.attempts;
    try {
      const stored = await withRetry(
        () => {
          pending.update(roomId, clientId, { attempts: ++attempts });
          return this.#options.post(roomId, body);
        },
        {
          ...retry,
          signal,
          onRetry: (error) => pending.update(roomId, clientId, { error: toAckError(error) }),
        },
      );
      pending.remove(roomId, clientId);
      this.#options.onSent(stored);
      return stored;
    } catch (error) {
      pending.update(roomId, clientId, { state: 'failed', error: toAckError(error) });
      throw error;
    }
  }
}

/** The protocol's error shape for any failure, so UIs show one kind of reason. */
function toAckError(error: unknown): AckError {
  if (error instanceof ApiRequestError) return { code: error.code, message: error.message };
  return { code: 'unavailable', message: error instanceof Error ? error.message : String(error) };
}
