import type { ComponentProps } from 'react';
import { cn } from '../../lib/utils';

/**
 * The dimmed page behind a modal. A plain element, not Radix's `Dialog.Overlay`: that one wraps itself in
 * react-remove-scroll, which adds a `<style>` element to the page — refused by the CSP (`style-src 'self'`)
 * and reported as a violation. Nothing is lost: the modal's content already turns pointer events off
 * outside it (so the page behind neither scrolls nor takes clicks), traps focus, and hides the rest of the
 * page from assistive technology; a click here still closes a dialog, as a click outside its content.
 */
function OverlayBackdrop({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      data-slot="overlay-backdrop"
      aria-hidden
      className={cn('fixed inset-0 z-50 bg-black/45 animate-in fade-in-0', className)}
      {...props}
    />
  );
}

export { OverlayBackdrop };
