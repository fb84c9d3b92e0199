import { Badge } from "./badge";
import { formatDate } from "./format";

export function TokenStatus({ revokedAt, expiresAt }: { revokedAt: Date | null; expiresAt: Date | null }) {
  if (revokedAt) return <Badge tone="red">Revoked {formatDate(revokedAt)}</Badge>;
  if (expiresAt && expiresAt.getTime() <= Date.now()) return <Badge tone="amber">Expired</Badge>;
  return <Badge tone="green">Active</Badge>;
}
