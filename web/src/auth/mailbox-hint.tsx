import { Link } from '@tanstack/react-router';
import { useDevMailbox } from './dev-mailbox-availability';

/** On a local server the mail never leaves the machine: point at the dev mailbox, one click away. */
export function MailboxHint({ email }: { email: string }) {
  if (useDevMailbox() !== 'available') return null;
  return (
    <p className="rounded-lg bg-warning-muted px-3 py-2.5 text-sm text-foreground">
      This server keeps its mail in a dev mailbox.{' '}
      <Link to="/dev/mailbox" search={email ? { to: email } : {}}>
        Open the mailbox
      </Link>
    </p>
  );
}
