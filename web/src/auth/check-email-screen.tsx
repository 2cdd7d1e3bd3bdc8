import { Link } from '../routing/link';
import { paths } from '../routing/routes';
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
      <p className="auth-links">
        <Link to={paths.login}>Back to log in</Link>
      </p>
    </AuthLayout>
  );
}
