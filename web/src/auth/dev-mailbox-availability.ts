import { ApiRequestError, createApiClient } from '@livechat/client';
import { useEffect, useState } from 'react';

export type MailboxAvailability = 'unknown' | 'available' | 'absent';

let probe: Promise<MailboxAvailability> | null = null;

/**
 * Whether this server has a dev mailbox (standalone, `DEV_MAILBOX=true`). Asked once per page load: the route
 * answers 404 where it does not exist, which is every production deployment.
 */
function probeMailbox(): Promise<MailboxAvailability> {
  probe ??= createApiClient({ baseUrl: '' })
    .call('devMailbox', { query: { to: 'probe@invalid.example' } })
    .then(
      () => 'available' as const,
      (error: unknown) => (error instanceof ApiRequestError && error.status === 404 ? 'absent' : 'unknown'),
    );
  return probe;
}

export function useDevMailbox(): MailboxAvailability {
  const [state, setState] = useState<MailboxAvailability>('unknown');
  useEffect(() => {
    let live = true;
    void probeMailbox().then((answer) => live && setState(answer));
    return () => {
      live = false;
    };
  }, []);
  return state;
}
