import type { ReactNode } from 'react';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '../components/ui/alert-dialog';
import { Button } from '../components/ui/button';
import { FormMessage } from '../forms/form-message';
import { useFocusReturn } from './use-focus-return';
import { whenClosed } from './when-closed';

/**
 * "Are you sure?" with a destructive confirm button. Shown while mounted; Cancel (focused first) or Escape
 * closes it. The confirm button is a plain button, not Radix's closing Action: the dialog stays open while
 * the request runs and shows the server's refusal.
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** While the request runs, or while nothing is chosen yet. */
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
  /** What to choose before confirming (the hand-over's heir), between the message and the buttons. */
  children?: ReactNode;
}) {
  const returnFocus = useFocusReturn();
  return (
    <AlertDialog open onOpenChange={whenClosed(onClose)}>
      <AlertDialogContent onCloseAutoFocus={returnFocus}>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{message}</AlertDialogDescription>
        </AlertDialogHeader>
        {children}
        <FormMessage message={error ?? null} />
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <Button variant="destructive" disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
