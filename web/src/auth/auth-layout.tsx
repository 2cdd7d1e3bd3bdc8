import type { ReactNode } from 'react';
import { paths } from '../routing/routes';
import { Link } from '../routing/link';
import { ThemeToggle } from '../theme/theme-toggle';
import { useDevMailbox } from './dev-mailbox-availability';

/** The frame of every signed-out screen: brand, one card, theme toggle, and the dev mailbox where it exists. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const mailbox = useDevMailbox();
  return (
    <div className="auth-page">
      <header className="auth-header">
        <Link to={paths.home} className="brand">
          <img className="brand-mark" src="/favicon.svg" alt="" width={24} height={24} />
          LiveChat
        </Link>
        <ThemeToggle />
      </header>
      <main className="auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {children}
      </main>
      {mailbox === 'available' ? (
        <p className="auth-footer">
          Running locally? <Link to={paths.mailbox}>Open the dev mailbox</Link>
        </p>
      ) : null}
    </div>
  );
}
