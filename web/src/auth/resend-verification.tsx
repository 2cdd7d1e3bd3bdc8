import { useState } from 'react';
import { Button } from '../components/ui/button';
import { FormMessage } from '../forms/form-message';
import { toFormErrors } from '../forms/problem-to-form-errors';
import { useSessionStore } from '../session/session-context';
import { showSuccessToast } from '../ui/lazy-toaster';

/**
 * "Send the link again" for an address; the answer is the same whether or not the address has an account.
 * That answer is a toast (feedback on the click, nothing to keep); a refusal stays under the button.
 */
export function ResendVerification({ email }: { email: string }) {
  const session = useSessionStore();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resend = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await session.api.call('resendVerification', { body: { email } });
      showSuccessToast(answer.message);
    } catch (failure) {
      setError(toFormErrors(failure, []).form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col gap-3.5">
      <Button type="button" variant="outline" disabled={busy || !email} onClick={() => void resend()}>
        {busy ? 'Sending…' : 'Send the link again'}
      </Button>
      <FormMessage message={error} />
    </div>
  );
}
