import { useSyncExternalStore } from 'react';

/**
 * The current time, updated once a minute for every component that shows relative times: one timer for
 * the whole app, and the rows re-render only when the minute turns.
 */
let now = new Date();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = new Date();
    timer = setInterval(() => {
      now = new Date();
      for (const notify of listeners) notify();
    }, 60_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useMinuteClock(): Date {
  return useSyncExternalStore(subscribe, () => now);
}
