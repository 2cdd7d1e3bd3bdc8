import type { ReactNode } from 'react';

/** A key to press, drawn as a keycap. */
export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="rounded-sm border px-1 font-sans text-[11px] font-normal no-underline">{children}</kbd>
  );
}
