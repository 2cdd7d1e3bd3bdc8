import { createApiClient } from '@livechat/client';
import { useEffect, useState } from 'react';

export type MailboxAvailability = 'unknown' | 'available' | 'absent';

let probe: Promise<MailboxAvailability> | null = null;

/**
 * Whether this server has a dev mailbox (standalone, `DEV_MAILBOX=true`). Asked once per page load, of a
 * route every server answers: the mailbox itself is a 404 in production, a failing request on every visit.
 */
function probeMailbox(): Promise<MailboxAvailability> {
  probe ??= createApiClient({ baseUrl: '' })
    .call('devMailboxStatus', {})
    .then(
      ({ enabled }) => (enabled ? ('available' as const) : ('absent' as const)),
      () => 'unknown' as const,
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
