import { Badge } from "./badge";
import { formatCompactDate } from "./compact-date";
import { formatDate } from "./format";

/** `inactive`: why a token that is neither revoked nor expired still does not work (e.g. "creator
 * is no longer an admin"). The revocation date is compact ("Revoked 14 Mar"), the full one in the
 * tooltip. */
export function TokenStatus({
  revokedAt,
  expiresAt,
  inactive,
  now = new Date(),
}: {
  revokedAt: Date | null;
  expiresAt: Date | null;
  inactive?: string | null;
  now?: Date;
}) {
  if (revokedAt) {
    return (
      <span title={`Revoked ${formatDate(revokedAt)}`}>
        <Badge tone="red">Revoked {formatCompactDate(revokedAt, now)}</Badge>
      </span>
    );
  }
  if (expiresAt && expiresAt.getTime() <= now.getTime()) return <Badge tone="amber">Expired</Badge>;
  if (inactive) return <Badge tone="amber">Inactive: {inactive}</Badge>;
  return <Badge tone="green">Active</Badge>;
}
