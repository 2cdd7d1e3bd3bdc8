/** What shows while the session boots or a lazy screen arrives. */
export function Splash() {
  return (
    <div className="flex h-full items-center justify-center gap-3 text-muted-foreground" role="status">
      <img className="size-6" src="/favicon.svg" alt="" width={24} height={24} />
      Loading LiveChat…
    </div>
  );
}
