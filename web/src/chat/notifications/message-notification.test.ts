import type { Message, NotificationLevel, PublicUser } from '@livechat/protocol';
import { describe, expect, it } from 'vitest';
import { buildRoomSummary } from '../rooms/test-rooms';
import { buildMessage } from '../timeline/test-messages';
import { messageNotice } from './message-notification';

const me: PublicUser = { id: 'u-me', displayName: 'Me' };
const alice: PublicUser = { id: 'u-alice', displayName: 'Alice' };
const room = (notificationLevel: NotificationLevel) => buildRoomSummary({ name: 'Team', notificationLevel });
const message = (body: string, extra: Partial<Message> = {}) => buildMessage(4, alice, { body, ...extra });

describe('messageNotice', () => {
  it('names the room, the sender and the message as plain text', () => {
    expect(messageNotice(message('**Ship** it: `npm run deploy`'), room('all'), me.id)).toEqual({
      title: 'Team',
      body: 'Alice: Ship it: npm run deploy',
      tag: 'message:m-4',
    });
  });

  it('cuts a long message to a glance', () => {
    const notice = messageNotice(message('word '.repeat(100)), room('all'), me.id);
    expect(notice?.body.length).toBeLessThanOrEqual('Alice: '.length + 160);
    expect(notice?.body.endsWith('…')).toBe(true);
  });

  it('stays quiet for "none", for "mentions" (no mentions exist yet), my own, deleted and unknown rooms', () => {
    expect(messageNotice(message('hi'), room('none'), me.id)).toBeNull();
    expect(messageNotice(message('hi'), room('mentions'), me.id)).toBeNull();
    expect(messageNotice(message('hi', { sender: me }), room('all'), me.id)).toBeNull();
    expect(
      messageNotice(message('', { deletedAt: '2026-03-01T10:01:00.000Z' }), room('all'), me.id),
    ).toBeNull();
    expect(messageNotice(message('hi'), undefined, me.id)).toBeNull();
  });
});
