import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Joins class names and lets the later of two conflicting utilities win (`cn('px-4', 'px-2')` is `px-2`),
 * so a component's own classes can be overridden from where it is used. shadcn/ui's `cn`, where it keeps it.
 */
export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}
