import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { useDevMailbox } from './dev-mailbox-availability';

/** On a local server the mail never leaves the machine: point at the dev mailbox, one click away. */
export function MailboxHint({ email }: { email: string }) {
  if (useDevMailbox() !== 'available') return null;
  const to = email ? `${paths.mailbox}?${new URLSearchParams({ to: email }).toString()}` : paths.mailbox;
  return (
    <p className="callout">
      This server keeps its mail in a dev mailbox. <Link to={to}>Open the mailbox</Link>
    </p>
  );
}
