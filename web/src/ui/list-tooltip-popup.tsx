import type { ComponentProps } from 'react';
import { Tooltip, TooltipContent, TooltipTrigger } from '../components/ui/tooltip';

export interface TooltipAnchor {
  rect: DOMRect;
  label: string;
  side: ComponentProps<typeof TooltipContent>['side'];
}

/**
 * The list's one tooltip (list-tooltip.tsx): Radix's, open while it is mounted, anchored to an empty
 * box laid over the button it is for (the button itself stays a plain button, in no Radix tree).
 */
export default function ListTooltipPopup({
  anchor,
  onClose,
}: {
  anchor: TooltipAnchor;
  onClose: () => void;
}) {
  const { rect } = anchor;
  return (
    <Tooltip open onOpenChange={(open) => !open && onClose()}>
      <TooltipTrigger asChild>
        <span
          aria-hidden
          className="pointer-events-none fixed"
          style={{ left: rect.left, top: rect.top, width: rect.width, height: rect.height }}
        />
      </TooltipTrigger>
      <TooltipContent side={anchor.side}>{anchor.label}</TooltipContent>
    </Tooltip>
  );
}
