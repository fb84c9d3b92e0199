// The trace_payload_truncated_split migration (SQLite and PostgreSQL): traces get requestTruncated
// and responseTruncated; rows written before them cannot say which payload was cut, so both are
// set where payloadTruncated is (conservative: the page warns on both, as it did before), and
// neither elsewhere. The migration's SQL is run as written on a Trace table without the columns.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prismaPaths } from "@/lib/db/database-url.mjs";
import { ROOT } from "@/scripts/lib/prisma-cli.mjs";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";

async function migrationStatements(kind: (typeof TEST_DATABASES)[number]): Promise<string[]> {
  const dir = path.join(ROOT, prismaPaths(kind).migrations);
  const name = (await readdir(dir)).find((entry) => entry.endsWith("_trace_payload_truncated_split"));
  if (!name) throw new Error(`no trace_payload_truncated_split migration in ${dir}`);
  const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
  return sql
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n")
    .split(";")
    .map((statement) => statement.trim())
    .filter(Boolean);
}

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

    for (const statement of await migrationStatements(kind)) await db.$executeRawUnsafe(statement);

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
