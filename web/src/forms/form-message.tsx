import { cn } from '../lib/utils';

const TONES = {
  error: 'bg-destructive-muted text-destructive',
  success: 'bg-success-muted text-success',
  info: 'bg-selected text-foreground',
} as const;

/** The message about a whole form (wrong password, server unreachable), announced when it appears. */
export function FormMessage({
  message,
  tone = 'error',
}: {
  message: string | null;
  tone?: keyof typeof TONES;
}) {
  if (!message) return null;
  return (
    <p
      className={cn('rounded-lg px-3 py-2.25 text-sm', TONES[tone])}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      {message}
    </p>
  );
}
