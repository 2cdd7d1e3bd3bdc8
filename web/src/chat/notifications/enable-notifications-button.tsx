import { useState } from 'react';

type Permission = NotificationPermission | 'unsupported';

const currentPermission = (): Permission =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

/**
 * Asks the browser for permission to notify, only when the person clicks (never on load: browsers
 * penalise sites that ask unprompted, and people refuse what they did not ask for). Shown while the
 * browser has not been asked yet; once allowed or refused there is nothing left to click here (a refusal
 * is undone in the browser's site settings).
 */
export function EnableNotificationsButton() {
  const [permission, setPermission] = useState<Permission>(currentPermission);
  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      className="button small enable-notifications"
      onClick={() => {
        void Notification.requestPermission().then(setPermission, () => setPermission(currentPermission()));
      }}
    >
      Enable notifications
    </button>
  );
}
