import { useState } from 'react';
import { toFormErrors } from '../../forms/problem-to-form-errors';
import { navigate } from '../../routing/location-store';
import { paths } from '../../routing/routes';

/** A confirmed room action (leave, delete) that ends on the room list, with its busy and error state. */
export function useRoomAction(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
      navigate(paths.home, { replace: true });
    } catch (failure) {
      setError(toFormErrors(failure, []).form);
      setBusy(false);
    }
  };
  return { busy, error, run: () => void run() };
}
