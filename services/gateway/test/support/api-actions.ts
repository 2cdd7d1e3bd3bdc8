import { randomUUID } from 'node:crypto';
import { createApiClient } from '@livechat/client';
import { TEST_ORIGIN, type TestApi, type TestUser } from '@livechat/api/testing';

/** REST calls to the test API over HTTP, as `user`, through the repo's typed client. */
export function actAs(api: TestApi, user: TestUser) {
  const client = createApiClient({
    baseUrl: api.url,
    getToken: () => user.token,
    headers: () => ({ origin: TEST_ORIGIN }),
  });
  return {
    createRoom: (name: string, members: TestUser[] = []) =>
      client.call('createRoom', { body: { name, memberIds: members.map((member) => member.id) } }),
    send: (roomId: string, body: string) =>
      client.call('sendMessage', { params: { id: roomId }, body: { clientId: randomUUID(), body } }),
    add: (roomId: string, member: TestUser) =>
      client.call('addMembers', { params: { id: roomId }, body: { userIds: [member.id] } }),
    remove: (roomId: string, member: TestUser) =>
      client.call('removeMember', { params: { id: roomId, userId: member.id } }),
    logoutEverywhere: () => client.call('logout', { body: { everywhere: true } }),
  };
}
