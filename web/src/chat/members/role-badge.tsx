import type { Role } from '@livechat/protocol';

/** "owner" or "admin" beside a name. `role-badge` stays a plain class name: the browser tests read roles by it. */
export function RoleBadge({ role }: { role: Role }) {
  return (
    <span className="role-badge rounded-full border px-1.5 text-[11px] text-muted-foreground capitalize">
      {role}
    </span>
  );
}
