import type { Server } from 'socket.io';
import type { OutboxOperation } from './outbox-operation.js';

/** Applies one outbox operation through the Socket.IO server (and so through its adapter, to every replica). */
export function applyOperation(io: Server, operation: OutboxOperation): void {
  switch (operation.kind) {
    case 'emit':
      io.to(operation.to).emit(operation.event, operation.payload);
      return;
    case 'join':
      io.in(operation.channel).socketsJoin(operation.rooms);
      return;
    case 'leave':
      io.in(operation.channel).socketsLeave(operation.rooms);
      return;
    case 'disconnect':
      io.to(operation.channel).emit('connection:closing', {
        code: operation.code,
        message: operation.message,
      });
      io.in(operation.channel).disconnectSockets(true);
      return;
  }
}
