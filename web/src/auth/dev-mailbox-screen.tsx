import { Button } from '../components/ui/button';
import type { MailboxEntry } from '@livechat/protocol';
import { useCallback, useEffect, useState } from 'react';
import { toFormErrors } from '../forms/problem-to-form-errors';
import { FormMessage } from '../forms/form-message';
import { Link } from '@tanstack/react-router';
import { useSessionStore } from '../session/session-context';
import { AuthLayout } from './auth-layout';
import { MAIL_LINK_LABELS, splitMailText } from './mail-links';

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
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" onClick={() => void load()}>
          Refresh
        </Button>
        {to ? (
          <Button variant="outline" asChild>
            <Link to="/dev/mailbox">Show all mail</Link>
          </Button>
        ) : null}
      </div>
      <FormMessage message={error} />
      {mails && mails.length === 0 ? <p>No mail yet.</p> : null}
      <ul className="flex flex-col gap-2.5" aria-label="Mails">
        {(mails ?? []).map((mail) => (
          <li key={mail.id} className="rounded-lg border p-3">
            <p className="font-semibold">{mail.subject}</p>
            <p className="text-[13px] text-muted-foreground">
              To {mail.to} · {new Date(mail.createdAt).toLocaleString()}
            </p>
            <p className="mt-2 text-sm wrap-anywhere whitespace-pre-wrap">
              {splitMailText(mail.text).map((part, index) =>
                'text' in part ? (
                  <span key={index}>{part.text}</span>
                ) : 'to' in part ? (
                  <Link key={index} to={part.to} search={part.search}>
                    {MAIL_LINK_LABELS[part.to]}
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
