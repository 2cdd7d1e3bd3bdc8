import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { ThemeToggle } from '../theme/theme-toggle';
import { BrandLink } from '../ui/brand-link';
import { CardPage } from '../ui/card-page';
import { useDevMailbox } from './dev-mailbox-availability';

/** The frame of every signed-out screen: brand, one card, theme toggle, and the dev mailbox where it exists. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const mailbox = useDevMailbox();
  return (
    <CardPage
      title={title}
      width="narrow"
      controls={
        <>
          <BrandLink />
          <ThemeToggle />
        </>
      }
      footer={
        mailbox === 'available' ? (
          <p className="mt-4.5 text-sm text-muted-foreground">
            Running locally? <Link to="/dev/mailbox">Open the dev mailbox</Link>
          </p>
        ) : null
      }
    >
      {children}
    </CardPage>
  );
}
