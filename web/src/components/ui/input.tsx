import type { ComponentProps } from 'react';
import { cn } from '../../lib/utils';

/** The look of every text box, shared with <Textarea>. */
export const inputClasses =
  'w-full min-w-0 min-h-10 rounded-lg border border-input bg-card px-2.75 py-2 text-foreground placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive';

function Input({ className, type, ...props }: ComponentProps<'input'>) {
  return <input type={type} data-slot="input" className={cn(inputClasses, className)} {...props} />;
}

export { Input };
