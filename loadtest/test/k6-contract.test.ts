import { PROTOCOL_VERSION, ROUTES, SERVER_EVENTS, routePath as protocolRoutePath } from '@livechat/protocol';
import { describe, expect, it } from 'vitest';
import * as k6Contract from '../k6/lib/livechat-contract.js';

// The k6 scripts cannot import the TypeScript protocol; their one mirror of it must not drift.
describe('k6 contract mirror', () => {
  it('names routes exactly as the protocol does, with the same method and path', () => {
    for (const [name, route] of Object.entries(k6Contract.ROUTES)) {
      const spec = (ROUTES as Record<string, { method: string; path: string }>)[name];
      expect(spec, `protocol route ${name}`).toBeDefined();
      expect(route).toEqual({ method: spec!.method, path: spec!.path });
    }
  });

  it('uses event names the server sends', () => {
    for (const name of Object.values(k6Contract.EVENTS)) expect(Object.keys(SERVER_EVENTS)).toContain(name);
  });

  it('speaks the current protocol version', () => {
    expect(k6Contract.PROTOCOL_VERSION).toBe(PROTOCOL_VERSION);
    expect(k6Contract.handshakeAuth('t')).toEqual({ token: 't', protocolVersion: PROTOCOL_VERSION });
  });

  it('fills paths like the protocol', () => {
    const params = { id: '0b7f6c1e-2f4e-4a51-9d8e-1c2b3a4d5e6f' };
    expect(k6Contract.routePath(ROUTES.sendMessage.path, params)).toBe(
      protocolRoutePath(ROUTES.sendMessage.path, params),
    );
  });

  it('caps room creation at the protocol maximum', () => {
    const memberIds = (ROUTES.createRoom.body.properties.memberIds as { maxItems?: number }).maxItems;
    expect(k6Contract.ROOM_CREATE_MAX_MEMBERS).toBe(memberIds);
  });
});
