import { useState } from 'react';

/**
 * For a dialog's `onCloseAutoFocus`. Radix gives focus back to the dialog's own Trigger, and ours have
 * none: they are opened by their parent (a button, a menu, Ctrl+K). So each remembers what had focus when
 * it opened and gives focus back there on closing — unless that is gone from the page (a room switched away
 * from), when the screen that replaced it places focus itself.
 */
export function useFocusReturn(): (event: Event) => void {
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  return (event) => {
    event.preventDefault();
    if (opener?.isConnected) opener.focus();
  };
}
