import type { Static, TSchema } from 'typebox';
import { IdParams, Ok } from './common.js';
import {
  Accepted,
  ChangePasswordBody,
  EmailBody,
  LoginBody,
  LogoutBody,
  RegisterBody,
  ResetPasswordBody,
  SessionUser,
  TokenResponse,
  VerifyEmailBody,
} from './auth.js';
import { Mailbox, MailboxQuery, MailboxStatus } from './mailbox.js';
import { SessionList } from './sessions.js';
import { NotificationLevelBody, NotificationSetting } from './notifications.js';
import {
  ChangesPage,
  ChangesQuery,
  EditMessageBody,
  HistoryQuery,
  MarkReadBody,
  Message,
  MessagePage,
  MessageParams,
  ReadMarker,
  SendMessageBody,
} from './messages.js';
import {
  AddMembersBody,
  ChangeRoleBody,
  CreateRoomBody,
  MemberList,
  MemberParams,
  RenameRoomBody,
  RoomDetail,
  RoomIdList,
  RoomList,
  RoomSummary,
  SessionRoomIds,
  SessionRoomIdsBody,
  TransferOwnershipBody,
} from './rooms.js';
import { UpdateProfileBody, UserSearchQuery, UserSearchResult } from './users.js';

/**
 * Who may call a route: anyone; any signed-in user (also unverified, so they can see who they are and
 * change their password); or only a user whose email is verified (everything that touches other people).
 */
export type RouteAccess = 'public' | 'user' | 'verified';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  access: RouteAccess;
  summary: string;
  tag: 'auth' | 'users' | 'rooms' | 'messages' | 'dev';
  params?: TSchema;
  query?: TSchema;
  body?: TSchema;
  /** The success status and its body. */
  status: 200 | 201 | 202;
  response: TSchema;
}

const route = <const R extends RouteSpec>(spec: R) => spec;

/** Every REST route: the API registers exactly these, the client calls exactly these. */
export const ROUTES = {
  register: route({
    method: 'POST',
    path: '/api/auth/register',
    access: 'public',
    tag: 'auth',
    summary: 'Create an account and mail a verification link',
    body: RegisterBody,
    status: 202,
    response: Accepted,
  }),
  verifyEmail: route({
    method: 'POST',
    path: '/api/auth/verify-email',
    access: 'public',
    tag: 'auth',
    summary: 'Verify an email address with the token from the mail',
    body: VerifyEmailBody,
    status: 200,
    response: Ok,
  }),
  resendVerification: route({
    method: 'POST',
    path: '/api/auth/resend-verification',
    access: 'public',
    tag: 'auth',
    summary: 'Mail a new verification link',
    body: EmailBody,
    status: 202,
    response: Accepted,
  }),
  login: route({
    method: 'POST',
    path: '/api/auth/login',
    access: 'public',
    tag: 'auth',
    summary: 'Log in: access token in the body, refresh token in an HttpOnly cookie',
    body: LoginBody,
    status: 200,
    response: TokenResponse,
  }),
  refresh: route({
    method: 'POST',
    path: '/api/auth/refresh',
    access: 'public',
    tag: 'auth',
    summary: 'Rotate the refresh cookie and get a new access token',
    status: 200,
    response: TokenResponse,
  }),
  logout: route({
    method: 'POST',
    path: '/api/auth/logout',
    access: 'public',
    tag: 'auth',
    summary: 'Log out this device, or every device',
    body: LogoutBody,
    status: 200,
    response: Ok,
  }),
  listSessions: route({
    method: 'GET',
    path: '/api/auth/sessions',
    access: 'user',
    tag: 'auth',
    summary: 'My signed-in devices (one per sign-in), most recently used first',
    status: 200,
    response: SessionList,
  }),
  endSession: route({
    method: 'DELETE',
    path: '/api/auth/sessions/:id',
    access: 'user',
    tag: 'auth',
    summary: 'Sign one of my devices out, as logging out there would (its sockets too)',
    params: IdParams,
    status: 200,
    response: Ok,
  }),
  forgotPassword: route({
    method: 'POST',
    path: '/api/auth/forgot-password',
    access: 'public',
    tag: 'auth',
    summary: 'Mail a password reset link',
    body: EmailBody,
    status: 202,
    response: Accepted,
  }),
  resetPassword: route({
    method: 'POST',
    path: '/api/auth/reset-password',
    access: 'public',
    tag: 'auth',
    summary: 'Set a new password with a reset token; ends every session',
    body: ResetPasswordBody,
    status: 200,
    response: Ok,
  }),
  changePassword: route({
    method: 'POST',
    path: '/api/auth/change-password',
    access: 'user',
    tag: 'auth',
    summary: 'Change the password (needs the current one); ends other sessions',
    body: ChangePasswordBody,
    status: 200,
    response: Ok,
  }),

  me: route({
    method: 'GET',
    path: '/api/users/me',
    access: 'user',
    tag: 'users',
    summary: 'The signed-in user',
    status: 200,
    response: SessionUser,
  }),
  updateMe: route({
    method: 'PATCH',
    path: '/api/users/me',
    access: 'user',
    tag: 'users',
    summary: 'Change my display name',
    body: UpdateProfileBody,
    status: 200,
    response: SessionUser,
  }),
  searchUsers: route({
    method: 'GET',
    path: '/api/users',
    access: 'verified',
    tag: 'users',
    summary: 'Find people by display-name prefix or exact email',
    query: UserSearchQuery,
    status: 200,
    response: UserSearchResult,
  }),

  myRoomIds: route({
    method: 'GET',
    path: '/api/users/me/room-ids',
    access: 'verified',
    tag: 'rooms',
    summary: 'The ids of my rooms, nothing else (what a gateway subscribes a connecting socket to)',
    status: 200,
    response: RoomIdList,
  }),
  sessionRoomIds: route({
    method: 'POST',
    path: '/api/sessions/room-ids',
    // Each token in the body is checked as `verified` access would check it, and answered on its own.
    access: 'public',
    tag: 'rooms',
    summary:
      'The room ids of several connecting sessions at once, each by its own access token (a gateway batches its connects)',
    body: SessionRoomIdsBody,
    status: 200,
    response: SessionRoomIds,
  }),
  listRooms: route({
    method: 'GET',
    path: '/api/rooms',
    access: 'verified',
    tag: 'rooms',
    summary: 'My rooms, newest activity first, with unread counts',
    status: 200,
    response: RoomList,
  }),
  createRoom: route({
    method: 'POST',
    path: '/api/rooms',
    access: 'verified',
    tag: 'rooms',
    summary: 'Create a room, optionally with initial members',
    body: CreateRoomBody,
    status: 201,
    response: RoomSummary,
  }),
  getRoom: route({
    method: 'GET',
    path: '/api/rooms/:id',
    access: 'verified',
    tag: 'rooms',
    summary: 'A room I belong to, with its members',
    params: IdParams,
    status: 200,
    response: RoomDetail,
  }),
  renameRoom: route({
    method: 'PATCH',
    path: '/api/rooms/:id',
    access: 'verified',
    tag: 'rooms',
    summary: 'Rename a room (owner, admin)',
    params: IdParams,
    body: RenameRoomBody,
    status: 200,
    response: RoomSummary,
  }),
  deleteRoom: route({
    method: 'DELETE',
    path: '/api/rooms/:id',
    access: 'verified',
    tag: 'rooms',
    summary: 'Delete a room and its messages (owner)',
    params: IdParams,
    status: 200,
    response: Ok,
  }),
  addMembers: route({
    method: 'POST',
    path: '/api/rooms/:id/members',
    access: 'verified',
    tag: 'rooms',
    summary: 'Add people to a room (owner, admin)',
    params: IdParams,
    body: AddMembersBody,
    status: 200,
    response: MemberList,
  }),
  removeMember: route({
    method: 'DELETE',
    path: '/api/rooms/:id/members/:userId',
    access: 'verified',
    tag: 'rooms',
    summary: 'Remove someone from a room (owner, admin), or leave it (yourself)',
    params: MemberParams,
    status: 200,
    response: Ok,
  }),
  changeMemberRole: route({
    method: 'PUT',
    path: '/api/rooms/:id/members/:userId/role',
    access: 'verified',
    tag: 'rooms',
    summary: 'Make a member an admin, or an admin a member again (owner)',
    params: MemberParams,
    body: ChangeRoleBody,
    status: 200,
    response: MemberList,
  }),
  transferOwnership: route({
    method: 'PUT',
    path: '/api/rooms/:id/owner',
    access: 'verified',
    tag: 'rooms',
    summary: 'Hand ownership to another member (owner); the previous owner becomes an admin',
    params: IdParams,
    body: TransferOwnershipBody,
    status: 200,
    response: MemberList,
  }),
  setNotificationLevel: route({
    method: 'PUT',
    path: '/api/rooms/:id/notifications',
    access: 'verified',
    tag: 'rooms',
    summary: 'Choose when my devices notify me of this room: all messages, mentions only, or never',
    params: IdParams,
    body: NotificationLevelBody,
    status: 200,
    response: NotificationSetting,
  }),

  sendMessage: route({
    method: 'POST',
    path: '/api/rooms/:id/messages',
    access: 'verified',
    tag: 'messages',
    summary: 'Send a message; idempotent on clientId',
    params: IdParams,
    body: SendMessageBody,
    status: 201,
    response: Message,
  }),
  history: route({
    method: 'GET',
    path: '/api/rooms/:id/messages',
    access: 'verified',
    tag: 'messages',
    summary: 'A page of history before or after a seq',
    params: IdParams,
    query: HistoryQuery,
    status: 200,
    response: MessagePage,
  }),
  changes: route({
    method: 'GET',
    path: '/api/rooms/:id/changes',
    access: 'verified',
    tag: 'messages',
    summary: 'New, edited and deleted messages since a revision',
    params: IdParams,
    query: ChangesQuery,
    status: 200,
    response: ChangesPage,
  }),
  editMessage: route({
    method: 'PATCH',
    path: '/api/rooms/:id/messages/:messageId',
    access: 'verified',
    tag: 'messages',
    summary: 'Edit my message',
    params: MessageParams,
    body: EditMessageBody,
    status: 200,
    response: Message,
  }),
  deleteMessage: route({
    method: 'DELETE',
    path: '/api/rooms/:id/messages/:messageId',
    access: 'verified',
    tag: 'messages',
    summary: 'Delete my message (leaves a tombstone)',
    params: MessageParams,
    status: 200,
    response: Message,
  }),
  markRead: route({
    method: 'PUT',
    path: '/api/rooms/:id/read',
    access: 'verified',
    tag: 'messages',
    summary: 'Move my read marker forward',
    params: IdParams,
    body: MarkReadBody,
    status: 200,
    response: ReadMarker,
  }),

  devMailbox: route({
    method: 'GET',
    path: '/api/dev/mailbox',
    access: 'public',
    tag: 'dev',
    summary: 'Mails sent, newest first (only with DEV_MAILBOX=true)',
    query: MailboxQuery,
    status: 200,
    response: Mailbox,
  }),

  devMailboxStatus: route({
    method: 'GET',
    path: '/api/dev/mailbox-status',
    access: 'public',
    tag: 'dev',
    summary: 'Whether this server keeps a dev mailbox (DEV_MAILBOX=true); answered everywhere',
    status: 200,
    response: MailboxStatus,
  }),
} as const;

export type RouteName = keyof typeof ROUTES;
type SchemaOf<R, K extends string> = R extends { [P in K]: infer S extends TSchema } ? Static<S> : undefined;
export type RouteParams<N extends RouteName> = SchemaOf<(typeof ROUTES)[N], 'params'>;
export type RouteQuery<N extends RouteName> = SchemaOf<(typeof ROUTES)[N], 'query'>;
export type RouteBody<N extends RouteName> = SchemaOf<(typeof ROUTES)[N], 'body'>;
export type RouteResponse<N extends RouteName> = Static<(typeof ROUTES)[N]['response']>;

/** Fills `:name` segments of a route path. */
export function routePath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}
