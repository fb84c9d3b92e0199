// The trace_payload_truncated_split migration (SQLite and PostgreSQL): traces get requestTruncated
// and responseTruncated; rows written before them cannot say which payload was cut, so both are
// set where payloadTruncated is (conservative: the page warns on both, as it did before), and
// neither elsewhere. The migration's SQL is run as written on a Trace table without the columns.
import { describe, expect, it } from "vitest";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";
import { migrationStatements } from "../helpers/migrations";

describe.each(TEST_DATABASES)("trace_payload_truncated_split migration (%s)", (kind) => {
  const database = useFreshDatabase(kind);

  it("adds the two flags and sets both on traces flagged payloadTruncated", async () => {
    const db = database.db;
    // The table as it was before the migration.
    await db.$executeRawUnsafe('ALTER TABLE "Trace" DROP COLUMN "requestTruncated"');
    await db.$executeRawUnsafe('ALTER TABLE "Trace" DROP COLUMN "responseTruncated"');
    const startedAt = new Date(Date.UTC(2025, 0, 1));
    for (const [id, truncated] of [["cut", true], ["intact", false]] as const) {
      await db.$executeRaw`INSERT INTO "Trace" ("id", "startedAt", "endpointName", "route", "operation", "status", "httpStatus", "latencyMs", "streaming", "attempts", "payloadTruncated")
        VALUES (${id}, ${startedAt}, ${"chat"}, ${"unified"}, ${"chat"}, ${"ok"}, ${200}, ${10}, ${false}, ${1}, ${truncated})`;
    }

    for (const statement of await migrationStatements(kind, "trace_payload_truncated_split")) await db.$executeRawUnsafe(statement);

    const rows = await db.trace.findMany({
      select: { id: true, payloadTruncated: true, requestTruncated: true, responseTruncated: true },
      orderBy: { id: "asc" },
    });
    expect(rows).toEqual([
      { id: "cut", payloadTruncated: true, requestTruncated: true, responseTruncated: true },
      { id: "intact", payloadTruncated: false, requestTruncated: false, responseTruncated: false },
    ]);
  });
});
