import { lazy } from 'react';

/*
 * The signed-in screens are chunks of their own, out of the initial JS (issue 10's budget: ≤ 150 kB gzip):
 * the chat brings the socket client, the room switcher (cmdk), menus and dialogs; a visitor on the login
 * screen needs none of them. `preloadSignedInScreens` fetches them as soon as the app has started, so
 * logging in waits for no download.
 */
const loadChat = () => import('./chat/chat-screen');
const loadAccount = () => import('./account/account-screen');

export const ChatScreen = lazy(() => loadChat().then((module) => ({ default: module.ChatScreen })));
export const AccountScreen = lazy(() => loadAccount().then((module) => ({ default: module.AccountScreen })));

export function preloadSignedInScreens(): void {
  void loadChat();
  void loadAccount();
}
