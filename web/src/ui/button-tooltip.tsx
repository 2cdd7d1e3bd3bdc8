import type { ComponentProps, ReactNode } from 'react';
import { Tooltip, TooltipContent, TooltipTrigger } from '../components/ui/tooltip';

/** An icon button's tooltip: its accessible name, shown on hover and keyboard focus. */
export default function ButtonTooltip({
  label,
  side,
  children,
}: {
  label: string;
  side: ComponentProps<typeof TooltipContent>['side'];
  children: ReactNode;
}) {
  return (
    <Tooltip>
      <TooltipTrigger asChild>{children}</TooltipTrigger>
      <TooltipContent side={side}>{label}</TooltipContent>
    </Tooltip>
  );
}
