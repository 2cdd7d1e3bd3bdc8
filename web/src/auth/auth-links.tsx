import type { ReactNode } from 'react';

/** The small links under a signed-out form ("Forgot your password?", "Back to log in"), spread across it. */
export function AuthLinks({ children }: { children: ReactNode }) {
  return <p className="flex flex-wrap justify-between gap-2 text-sm">{children}</p>;
}
