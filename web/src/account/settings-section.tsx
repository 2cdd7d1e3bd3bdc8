import { useId, type ReactNode } from 'react';

/** One titled part of the account screen (profile, password, appearance, sessions), ruled off from the last. */
export function SettingsSection({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="flex flex-col gap-3 border-t pt-4.5" aria-labelledby={titleId}>
      <h2 id={titleId} className="text-base font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}
