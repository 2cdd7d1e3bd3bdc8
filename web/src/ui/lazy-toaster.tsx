import { lazy, Suspense } from 'react';

/*
 * Sonner (~6 kB gzip) stays out of the initial JS (budget 150 kB): the Toaster is a chunk of its own,
 * fetched as the app starts, and the signed-out screens toast through `showSuccessToast`, which waits for
 * that chunk. A toast only ever answers a click, long after the chunk has arrived.
 */
const Toaster = lazy(() => import('../components/ui/sonner').then((module) => ({ default: module.Toaster })));

export function LazyToaster() {
  return (
    <Suspense fallback={null}>
      <Toaster />
    </Suspense>
  );
}

export function showSuccessToast(message: string): void {
  void import('sonner').then(({ toast }) => toast.success(message));
}
