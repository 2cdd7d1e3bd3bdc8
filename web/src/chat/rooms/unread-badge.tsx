/** A room's unread count as a pill: "99+" past 99, read out as "5 unread". */
export function UnreadBadge({ count, className = '' }: { count: number; className?: string }) {
  return (
    <span
      className={`min-w-5.5 rounded-full bg-primary px-1.75 py-px text-center text-xs font-bold text-primary-foreground ${className}`}
      data-testid="unread-badge"
    >
      {count > 99 ? '99+' : count}
      <span className="sr-only"> unread</span>
    </span>
  );
}
