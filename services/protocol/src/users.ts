import { Type, type Static } from 'typebox';
import { Id } from './common.js';
import { DisplayName } from './auth.js';
import { plainText } from './text.js';

/** What other people may see of a user: never the email address. */
export const PublicUser = Type.Object({ id: Id, displayName: Type.String() });
export type PublicUser = Static<typeof PublicUser>;

export const UpdateProfileBody = Type.Object({ displayName: DisplayName }, { additionalProperties: false });
export type UpdateProfileBody = Static<typeof UpdateProfileBody>;

/**
 * Find people to add to a room. `q` matches a display-name prefix, or a whole email address exactly:
 * a person who already knows an address may find its owner, nobody can enumerate addresses by prefix.
 */
export const UserSearchQuery = Type.Object(
  {
    q: plainText(1, 254),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);
export type UserSearchQuery = Static<typeof UserSearchQuery>;

export const UserSearchResult = Type.Object({ users: Type.Array(PublicUser) });
export type UserSearchResult = Static<typeof UserSearchResult>;
