import { useState } from 'react';
import { FormMessage } from '../forms/form-message';
import { toFormErrors } from '../forms/problem-to-form-errors';
import { useSessionStore } from '../session/session-context';

/** "Send the link again" for an address; the answer is the same whether or not the address has an account. */
export function ResendVerification({ email }: { email: string }) {
  const session = useSessionStore();
  const [state, setState] = useState<{ busy: boolean; message: string | null; tone: 'error' | 'success' }>({
    busy: false,
    message: null,
    tone: 'success',
  });
  const resend = async () => {
    setState({ busy: true, message: null, tone: 'success' });
    try {
      const answer = await session.api.call('resendVerification', { body: { email } });
      setState({ busy: false, message: answer.message, tone: 'success' });
    } catch (error) {
      setState({ busy: false, message: toFormErrors(error, []).form, tone: 'error' });
    }
  };
  return (
    <div className="stack">
      <button type="button" className="button" disabled={state.busy || !email} onClick={() => void resend()}>
        {state.busy ? 'Sending…' : 'Send the link again'}
      </button>
      <FormMessage message={state.message} tone={state.tone} />
    </div>
  );
}
