import { cva, type VariantProps } from 'class-variance-authority';
import { Slot } from 'radix-ui';
import type { ComponentProps } from 'react';
import { cn } from '../../lib/utils';

const buttonVariants = cva(
  "inline-flex shrink-0 cursor-pointer items-center justify-center gap-1.5 rounded-lg font-semibold whitespace-nowrap no-underline disabled:cursor-default disabled:opacity-60 [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4",
  {
    variants: {
      variant: {
        default: 'bg-primary text-primary-foreground hover:not-disabled:bg-primary-strong',
        outline: 'border border-border bg-card text-foreground hover:not-disabled:bg-accent',
        destructive:
          'border border-destructive bg-card text-destructive hover:not-disabled:bg-destructive-muted',
        ghost: 'text-muted-foreground hover:not-disabled:bg-accent hover:not-disabled:text-accent-foreground',
        link: 'font-semibold text-primary underline',
      },
      size: {
        default: 'min-h-9.5 px-3.5',
        sm: 'min-h-7.5 px-2.5 text-[13px]',
        icon: 'size-9 [&_svg:not([class*="size-"])]:size-4.5',
        'icon-sm': 'size-7.5',
        inline: 'h-auto p-0',
      },
    },
    defaultVariants: { variant: 'default', size: 'default' },
  },
);

type ButtonProps = ComponentProps<'button'> &
  VariantProps<typeof buttonVariants> & {
    /** Renders the child (a link) with the button's looks instead of a <button>. */
    asChild?: boolean;
  };

function Button({ className, variant, size, asChild = false, ...props }: ButtonProps) {
  const Comp = asChild ? Slot.Root : 'button';
  return <Comp data-slot="button" className={cn(buttonVariants({ variant, size, className }))} {...props} />;
}

export { Button, buttonVariants };
