import type { FastifyInstance } from 'fastify';
import { deleteMessage } from '../messages/delete-message.js';
import { editMessage } from '../messages/edit-message.js';
import { markRead } from '../messages/mark-read.js';
import { messageHistory } from '../messages/message-history.js';
import { roomChanges } from '../messages/room-changes.js';
import { sendMessage } from '../messages/send-message.js';
import { canonicalId } from '../rooms/canonical-id.js';
import { defineRoute } from './define-route.js';

/** Messages of a room, catch-up and read markers; a non-member gets the same 404 as for a missing room. */
export default async function messageRoutes(app: FastifyInstance): Promise<void> {
  defineRoute(
    app,
    'sendMessage',
    ({ auth, params, body }) => sendMessage(app, auth.userId, canonicalId(params.id), body),
    { preHandler: app.rateLimits.send },
  );

  defineRoute(app, 'history', ({ auth, params, query }) =>
    messageHistory(app.db, auth.userId, canonicalId(params.id), query),
  );

  defineRoute(app, 'changes', ({ auth, params, query }) =>
    roomChanges(app.db, auth.userId, canonicalId(params.id), query),
  );

  defineRoute(app, 'editMessage', ({ auth, params, body }) =>
    editMessage(app, auth.userId, canonicalId(params.id), canonicalId(params.messageId), body.body),
  );

  defineRoute(app, 'deleteMessage', ({ auth, params }) =>
    deleteMessage(app, auth.userId, canonicalId(params.id), canonicalId(params.messageId)),
  );

  defineRoute(app, 'markRead', ({ auth, params, body }) =>
    markRead(app, auth.userId, canonicalId(params.id), body.seq),
  );
}
