import { lazy, Suspense, type ComponentProps } from 'react';
import { Button } from '../components/ui/button';
import type { TooltipContent } from '../components/ui/tooltip';
import { useInListTooltip } from './list-tooltip';

type IconButtonProps = Omit<ComponentProps<typeof Button>, 'aria-label'> & {
  /** The button's accessible name, also shown as its tooltip on hover and keyboard focus. */
  label: string;
  tooltipSide?: ComponentProps<typeof TooltipContent>['side'];
};

/*
 * The tooltip (Radix's, with floating-ui: ~13 kB gzip) is a chunk fetched when the first icon button
 * renders: the login screen shows one (the theme toggle), and the initial JS has a budget. Until it has
 * arrived — a moment after the first paint — the button is already there, named, and works.
 */
const ButtonTooltip = lazy(() => import('./button-tooltip'));

/**
 * A button that shows only an icon (the child, aria-hidden): named by `label`, which its tooltip repeats —
 * its own tooltip, or inside a ListTooltip the list's one.
 */
export function IconButton({
  label,
  tooltipSide,
  variant = 'ghost',
  size = 'icon',
  ...props
}: IconButtonProps) {
  const inList = useInListTooltip();
  if (inList)
    return (
      <Button
        variant={variant}
        size={size}
        aria-label={label}
        data-tooltip={label}
        data-tooltip-side={tooltipSide}
        {...props}
      />
    );
  const button = <Button variant={variant} size={size} aria-label={label} {...props} />;
  return (
    <Suspense fallback={button}>
      <ButtonTooltip label={label} side={tooltipSide}>
        {button}
      </ButtonTooltip>
    </Suspense>
  );
}
