import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';

/** The LiveChat mark and name, home on click: the head of the signed-out screens and of the sidebar. */
export function BrandLink({ children }: { children?: ReactNode }) {
  return (
    <Link to="/" className="inline-flex items-center gap-2 text-lg font-bold text-foreground no-underline">
      <img className="inline-block size-6" src="/favicon.svg" alt="" width={24} height={24} />
      LiveChat
      {children}
    </Link>
  );
}
