import { AuthLinks } from './auth-links';
import { Link } from '@tanstack/react-router';
import { AuthLayout } from './auth-layout';
import { MailboxHint } from './mailbox-hint';
import { ResendVerification } from './resend-verification';

/** After registering: the link is on its way. */
export function CheckEmailScreen({ email }: { email: string }) {
  return (
    <AuthLayout title="Check your mail">
      <p>
        We sent a verification link to <strong>{email || 'your address'}</strong>. Open it to start chatting —
        it works for an hour.
      </p>
      <MailboxHint email={email} />
      <ResendVerification email={email} />
      <AuthLinks>
        <Link to="/login">Back to log in</Link>
      </AuthLinks>
    </AuthLayout>
  );
}
