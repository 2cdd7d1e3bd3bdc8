import { TriangleAlert } from 'lucide-react';
import { Button } from '../components/ui/button';

/**
 * What a render error leaves on screen instead of a blank page: what happened and two ways out. Reload
 * starts the page afresh (the session survives in its cookie); Go back returns to the previous screen,
 * which is usually the one that still works. `scope` says how much of the screen this panel stands for.
 */
export function ErrorPanel({ scope }: { scope: 'screen' | 'room' }) {
  return (
    <div
      className="flex min-h-0 flex-1 flex-col items-center justify-center gap-3 p-6 text-center"
      role="alert"
    >
      <TriangleAlert aria-hidden className="size-8 text-destructive" />
      <h2 className="text-xl font-bold">Something went wrong</h2>
      <p className="max-w-100 text-muted-foreground">
        {scope === 'room'
          ? 'This room could not be shown. Your messages are safe on the server.'
          : 'This screen could not be shown. Nothing you saved is lost.'}
      </p>
      <div className="flex gap-2">
        <Button type="button" onClick={() => window.location.reload()}>
          Reload
        </Button>
        <Button type="button" variant="outline" onClick={() => window.history.back()}>
          Go back
        </Button>
      </div>
    </div>
  );
}
