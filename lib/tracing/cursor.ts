// Opaque keyset cursor of the trace list: base64url of [startedAt epoch ms, trace id], the sort
// key of the last row of a page (traces are listed newest first, ties broken by id).

import { badRequest } from "../api/errors";

export interface TraceCursor {
  startedAt: Date;
  id: string;
}

export function encodeCursor(c: TraceCursor): string {
  return Buffer.from(JSON.stringify([c.startedAt.getTime(), c.id])).toString("base64url");
}

export function decodeCursor(cursor: string): TraceCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === "string") {
      return { startedAt: new Date(value[0] as number), id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest("Invalid cursor: pass the `nextCursor` of a previous page unchanged.", "invalid_cursor", "cursor");
}
