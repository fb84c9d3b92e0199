import { Badge } from "./badge";
import { formatDate } from "./format";

/** `inactive`: why a token that is neither revoked nor expired still does not work (e.g. "creator
 * is no longer an admin"). */
export function TokenStatus({ revokedAt, expiresAt, inactive }: { revokedAt: Date | null; expiresAt: Date | null; inactive?: string | null }) {
  if (revokedAt) return <Badge tone="red">Revoked {formatDate(revokedAt)}</Badge>;
  if (expiresAt && expiresAt.getTime() <= Date.now()) return <Badge tone="amber">Expired</Badge>;
  if (inactive) return <Badge tone="amber">Inactive: {inactive}</Badge>;
  return <Badge tone="green">Active</Badge>;
}
