import { Badge, type BadgeTone } from "@/components/badge";

const TONES: Record<string, BadgeTone> = { queued: "gray", running: "brand", completed: "green", cancelled: "amber", failed: "red" };

export function RunStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "gray"}>{status}</Badge>;
}
