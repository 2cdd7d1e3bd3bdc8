import type { ReactNode } from 'react';
import { Button } from '../components/ui/button';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '../components/ui/dialog';
import { useFocusReturn } from './use-focus-return';
import { whenClosed } from './when-closed';

/** A modal with a title and a form in it (create a room, rename it), open while mounted. */
export function FormDialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const returnFocus = useFocusReturn();
  return (
    <Dialog open onOpenChange={whenClosed(onClose)}>
      {/* The form's labels say what each field is for: no separate description. */}
      <DialogContent aria-describedby={undefined} onCloseAutoFocus={returnFocus}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  );
}

/** Cancel (closes the dialog) and the form's submit button, off while the request runs. */
export function FormDialogActions({ submitLabel, busy }: { submitLabel: string; busy: boolean }) {
  return (
    <DialogFooter>
      <DialogClose asChild>
        <Button type="button" variant="outline">
          Cancel
        </Button>
      </DialogClose>
      <Button type="submit" disabled={busy}>
        {submitLabel}
      </Button>
    </DialogFooter>
  );
}
