import type { MailboxEntry } from '@livechat/protocol';
import { useCallback, useEffect, useState } from 'react';
import { toFormErrors } from '../forms/problem-to-form-errors';
import { FormMessage } from '../forms/form-message';
import { Link } from '../routing/link';
import { navigate } from '../routing/location-store';
import { paths } from '../routing/routes';
import { useSessionStore } from '../session/session-context';
import { AuthLayout } from './auth-layout';
import { splitMailText } from './mail-links';

/** Standalone's dev mailbox: every mail the server "sent", newest first, with its links one click away. */
export function DevMailboxScreen({ to }: { to: string }) {
  const session = useSessionStore();
  const [mails, setMails] = useState<MailboxEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const answer = await session.api.call('devMailbox', { query: to ? { to } : {} });
      setMails(answer.mails);
      setError(null);
    } catch (failure) {
      setError(toFormErrors(failure, []).form);
    }
  }, [session, to]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <AuthLayout title="Dev mailbox">
      <p>
        Mail this server would have sent{to ? ` to ${to}` : ''}. Production servers send real mail and have no
        mailbox.
      </p>
      <div className="row">
        <button type="button" className="button" onClick={() => void load()}>
          Refresh
        </button>
        {to ? (
          <button type="button" className="button" onClick={() => navigate(paths.mailbox)}>
            Show all mail
          </button>
        ) : null}
      </div>
      <FormMessage message={error} />
      {mails && mails.length === 0 ? <p>No mail yet.</p> : null}
      <ul className="mail-list" aria-label="Mails">
        {(mails ?? []).map((mail) => (
          <li key={mail.id} className="mail">
            <p className="mail-subject">{mail.subject}</p>
            <p className="mail-meta">
              To {mail.to} · {new Date(mail.createdAt).toLocaleString()}
            </p>
            <p className="mail-text">
              {splitMailText(mail.text).map((part, index) =>
                'text' in part ? (
                  <span key={index}>{part.text}</span>
                ) : part.inApp ? (
                  <Link key={index} to={part.href}>
                    {mailLinkLabel(part.href)}
                  </Link>
                ) : (
                  <a key={index} href={part.href} rel="noreferrer">
                    {part.href}
                  </a>
                ),
              )}
            </p>
          </li>
        ))}
      </ul>
    </AuthLayout>
  );
}

/** Names an in-app link by the screen it opens, so no mail shows a bare "Open link". */
function mailLinkLabel(path: string): string {
  if (path.startsWith(paths.verifyEmail)) return 'Verify my email';
  if (path.startsWith(paths.resetPassword)) return 'Choose a new password';
  if (path.startsWith(paths.forgotPassword)) return 'Reset my password';
  if (path.startsWith(paths.login)) return 'Sign in';
  return 'Open link';
}
