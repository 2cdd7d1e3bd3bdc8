import { X } from 'lucide-react';
import type { CSSProperties } from 'react';
import { Toaster as Sonner, type ToasterProps } from 'sonner';
// Imported here, at build time, instead of the <style> sonner would add at run time (the CSP refuses it;
// vite-plugins/sonner-without-style-tag.ts stops that insert).
import 'sonner/dist/styles.css';
import { useEffectiveTheme } from '../../theme/theme-preference';

/** Sonner's toasts in the theme on screen and the theme's colours (its CSS variables, set through the CSSOM). */
function Toaster(props: ToasterProps) {
  const theme = useEffectiveTheme();
  return (
    <Sonner
      theme={theme}
      className="toaster group"
      icons={{ close: <X aria-hidden className="size-3" /> }}
      style={
        {
          '--normal-bg': 'var(--color-popover)',
          '--normal-text': 'var(--color-popover-foreground)',
          '--normal-border': 'var(--color-border)',
          '--success-bg': 'var(--color-success-muted)',
          '--success-text': 'var(--color-success)',
          '--success-border': 'var(--color-success)',
          '--error-bg': 'var(--color-destructive-muted)',
          '--error-text': 'var(--color-destructive)',
          '--error-border': 'var(--color-destructive)',
          '--border-radius': 'var(--radius)',
        } as CSSProperties
      }
      {...props}
    />
  );
}

export { Toaster };
