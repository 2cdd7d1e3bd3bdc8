import { AuthLinks } from './auth-links';
import { Button } from '../components/ui/button';
import type { SessionUser } from '@livechat/protocol';
import { useState } from 'react';
import { FormMessage } from '../forms/form-message';
import { Link } from '@tanstack/react-router';
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
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" onClick={() => void recheck()}>
          I’ve verified it
        </Button>
        <Button type="button" variant="outline" onClick={() => void session.logout(false)}>
          Log out
        </Button>
      </div>
      <FormMessage message={note} />
      <ResendVerification email={user.email} />
      <AuthLinks>
        <Link to="/settings">Account settings</Link>
      </AuthLinks>
    </AuthLayout>
  );
}
