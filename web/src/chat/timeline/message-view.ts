import type { Message, PublicUser, QuotedMessage } from '@livechat/protocol';

/** Where an own message is on its way: shown at once as pending, sent once the server stored it, failed with a retry. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/**
 * One message as the conversation shows it, whether the server has it yet or not. Own messages are keyed by
 * their clientId from the first keystroke to the stored row, so React keeps the same element when a pending
 * message becomes sent (no flicker, no second copy).
 */
export interface MessageView {
  key: string;
  /** Null while pending or failed: the server has not assigned one. */
  id: string | null;
  seq: number | null;
  clientId: string;
  sender: PublicUser;
  body: string;
  replyTo: QuotedMessage | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  status: DeliveryStatus;
  /** Why a failed message failed, in words. */
  error?: string;
}

/** A message not yet stored: what the composer handed over, and how far it got. */
export interface OutgoingMessage {
  clientId: string;
  body: string;
  replyTo: QuotedMessage | null;
  createdAt: string;
  status: 'pending' | 'failed';
  error?: string;
}

export const messageKey = (senderId: string, clientId: string) => `${senderId}:${clientId}`;

export function storedMessageView(message: Message): MessageView {
  return {
    key: messageKey(message.sender.id, message.clientId),
    id: message.id,
    seq: message.seq,
    clientId: message.clientId,
    sender: message.sender,
    body: message.body,
    replyTo: message.replyTo,
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    deletedAt: message.deletedAt,
    status: 'sent',
  };
}

export function outgoingMessageView(outgoing: OutgoingMessage, me: PublicUser): MessageView {
  return {
    key: messageKey(me.id, outgoing.clientId),
    id: null,
    seq: null,
    clientId: outgoing.clientId,
    sender: me,
    body: outgoing.body,
    replyTo: outgoing.replyTo,
    createdAt: outgoing.createdAt,
    editedAt: null,
    deletedAt: null,
    status: outgoing.status,
    ...(outgoing.error ? { error: outgoing.error } : {}),
  };
}

/** What a reply quotes of its parent; only a stored message can be replied to. */
export function quoteOf(view: MessageView): QuotedMessage | null {
  if (view.id === null || view.seq === null) return null;
  return {
    id: view.id,
    seq: view.seq,
    sender: view.sender,
    body: view.body,
    deleted: view.deletedAt !== null,
  };
}
