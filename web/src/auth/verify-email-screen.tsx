import { AuthLinks } from './auth-links';
import { Button } from '../components/ui/button';
import { useEffect, useState } from 'react';
import { toFormErrors } from '../forms/problem-to-form-errors';
import { FormMessage } from '../forms/form-message';
import { Link } from '@tanstack/react-router';
import { useSession, useSessionStore } from '../session/session-context';
import type { SessionStore } from '../session/session-store';
import { AuthLayout } from './auth-layout';

type Outcome = { status: 'working' } | { status: 'verified' } | { status: 'failed'; message: string };

// Tokens are single use: remember each attempt so React's double effects in development send it once.
const attempts = new Map<string, Promise<Outcome>>();

function verifyOnce(session: SessionStore, token: string): Promise<Outcome> {
  let attempt = attempts.get(token);
  if (!attempt) {
    attempt = session.api.call('verifyEmail', { body: { token } }).then(
      async (): Promise<Outcome> => {
        // A signed-in person's token says "unverified" until it is replaced.
        if (session.getState().status === 'signedIn') await session.refresh();
        return { status: 'verified' };
      },
      (error: unknown): Outcome => ({ status: 'failed', message: toFormErrors(error, []).form ?? '' }),
    );
    attempts.set(token, attempt);
  }
  return attempt;
}

/** The target of the link in the verification mail. */
export function VerifyEmailScreen({ token }: { token: string }) {
  const session = useSessionStore();
  const state = useSession();
  const [outcome, setOutcome] = useState<Outcome>(
    token
      ? { status: 'working' }
      : { status: 'failed', message: 'This link is incomplete. Open the one in the mail.' },
  );
  useEffect(() => {
    if (!token) return;
    let live = true;
    void verifyOnce(session, token).then((result) => live && setOutcome(result));
    return () => {
      live = false;
    };
  }, [session, token]);

  return (
    <AuthLayout title="Verify your email">
      {outcome.status === 'working' ? <p role="status">Verifying…</p> : null}
      {outcome.status === 'verified' ? (
        <>
          <FormMessage tone="success" message="Your email address is verified." />
          {state.status === 'signedIn' ? (
            <Button asChild>
              <Link to="/">Start chatting</Link>
            </Button>
          ) : (
            <Button asChild>
              <Link to="/login">Log in</Link>
            </Button>
          )}
        </>
      ) : null}
      {outcome.status === 'failed' ? (
        <>
          <FormMessage message={outcome.message} />
          <AuthLinks>
            <Link to="/login">Log in</Link> to ask for a new link.
          </AuthLinks>
        </>
      ) : null}
    </AuthLayout>
  );
}
