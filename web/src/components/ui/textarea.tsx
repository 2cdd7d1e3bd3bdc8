import type { ComponentProps } from 'react';
import { cn } from '../../lib/utils';
import { inputClasses } from './input';

function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return <textarea data-slot="textarea" className={cn(inputClasses, 'resize-none', className)} {...props} />;
}

export { Textarea };
