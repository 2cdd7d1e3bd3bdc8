import { useId, type ReactNode } from 'react';
import { cn } from '../lib/utils';

/**
 * A screen that is one card on a sunken page under a row of controls: the signed-out screens (narrow) and
 * the account settings (wide). The card is the page's <main>, named by its <h1>.
 */
export function CardPage({
  controls,
  title,
  width,
  footer,
  children,
}: {
  controls: ReactNode;
  title: string;
  width: 'narrow' | 'wide';
  footer?: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <div className="flex min-h-full flex-col items-center bg-muted px-4 pt-5 pb-10">
      <header className="mb-7 flex w-full max-w-140 items-center justify-between">{controls}</header>
      <main
        className={cn(
          'flex w-full flex-col rounded-xl border bg-card p-7 shadow-overlay',
          width === 'narrow' ? 'max-w-105 gap-4' : 'max-w-140 gap-5.5',
        )}
        aria-labelledby={titleId}
      >
        <h1 id={titleId} className="text-[22px] font-bold">
          {title}
        </h1>
        {children}
      </main>
      {footer}
    </div>
  );
}
