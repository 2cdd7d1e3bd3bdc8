import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChatSnapshot } from './chat-snapshot';
import type { ChatStore } from './chat-store';

export const ChatContext = createContext<ChatStore | null>(null);

export function useChatStore(): ChatStore {
  const store = useContext(ChatContext);
  if (!store) throw new Error('useChatStore outside the chat screen');
  return store;
}

/** A part of the chat state; the component re-renders only when that part changes (keep selectors cheap and stable). */
export function useChat<T>(select: (snapshot: ChatSnapshot) => T): T {
  const store = useChatStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
