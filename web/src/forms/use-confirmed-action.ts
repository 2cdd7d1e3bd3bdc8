import { useState } from 'react';
import { toFormErrors } from './problem-to-form-errors';

/**
 * A confirmed action (delete, leave, hand over) with its busy and error state: busy while it runs, the
 * server's refusal as the form's error, `onDone` once it succeeded.
 */
export function useConfirmedAction(action: () => Promise<void>, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (failure) {
      setError(toFormErrors(failure, []).form);
      setBusy(false);
    }
  };
  return { busy, error, run: () => void run() };
}
