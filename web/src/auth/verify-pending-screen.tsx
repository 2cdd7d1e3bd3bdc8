import type { SessionUser } from '@livechat/protocol';
import { useState } from 'react';
import { FormMessage } from '../forms/form-message';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { useSessionStore } from '../session/session-context';
import { AuthLayout } from './auth-layout';
import { MailboxHint } from './mailbox-hint';
import { ResendVerification } from './resend-verification';

/** Signed in, not verified yet: rooms need a verified address, so this is all there is until then. */
export function VerifyPendingScreen({ user }: { user: SessionUser }) {
  const session = useSessionStore();
  const [note, setNote] = useState<string | null>(null);
  const recheck = async () => {
    // The access token carries "verified" as a claim: a fresh one tells whether the link was opened elsewhere.
    await session.refresh();
    const state = session.getState();
    if (state.status === 'signedIn' && !state.user.emailVerified)
      setNote('Not verified yet — open the link in the mail.');
  };
  return (
    <AuthLayout title="Verify your email to start chatting">
      <p>
        Hi {user.displayName}! We sent a link to <strong>{user.email}</strong>. Rooms open once your address
        is verified.
      </p>
      <MailboxHint email={user.email} />
      <div className="row">
        <button type="button" className="button primary" onClick={() => void recheck()}>
          I’ve verified it
        </button>
        <button type="button" className="button" onClick={() => void session.logout(false)}>
          Log out
        </button>
      </div>
      <FormMessage message={note} />
      <ResendVerification email={user.email} />
      <p className="auth-links">
        <Link to={paths.settings}>Account settings</Link>
      </p>
    </AuthLayout>
  );
}
