import { describe, expect, it } from 'vitest';
import { addedToRoomNotice, myRoleChangedNotice, roomDeletedNotice } from './notice-text';

const alice = { id: 'a', displayName: 'Alice' };

describe('notice texts', () => {
  it('name who did it and the room', () => {
    expect(addedToRoomNotice(alice, 'Team')).toBe('Alice added you to Team');
    expect(roomDeletedNotice(alice, 'Team')).toBe('Alice deleted the room Team');
    expect(myRoleChangedNotice(alice, 'owner', 'Team')).toBe('Alice made you the owner of Team');
    expect(myRoleChangedNotice(alice, 'admin', 'Team')).toBe('Alice made you an admin of Team');
    expect(myRoleChangedNotice(alice, 'member', 'Team')).toBe('Alice removed your admin role in Team');
  });
});
