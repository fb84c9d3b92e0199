// The token_endpoint_ids migration (SQLite and PostgreSQL): team tokens' endpoint restrictions
// stored as names become the ids of those endpoints; names without an endpoint are dropped (the
// token stays restricted), unrestricted tokens stay unrestricted. The migration's SQL is run as
// written on rows in the old format.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prismaPaths } from "@/lib/db/database-url.mjs";
import { ROOT } from "@/scripts/lib/prisma-cli.mjs";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";

async function migrationSql(kind: (typeof TEST_DATABASES)[number]): Promise<string> {
  const dir = path.join(ROOT, prismaPaths(kind).migrations);
  const name = (await readdir(dir)).find((entry) => entry.endsWith("_token_endpoint_ids"));
  if (!name) throw new Error(`no token_endpoint_ids migration in ${dir}`);
  return readFile(path.join(dir, name, "migration.sql"), "utf8");
}

describe.each(TEST_DATABASES)("token_endpoint_ids migration (%s)", (kind) => {
  const database = useFreshDatabase(kind);

  it("turns endpoint names into ids", async () => {
    const db = database.db;
    const team = await db.team.create({ data: { name: "t" } });
    const chat = await db.endpoint.create({ data: { name: "chat", kind: "chat" } });
    const embed = await db.endpoint.create({ data: { name: "embed", kind: "embeddings" } });
    const token = (name: string, endpoints?: string[]) =>
      db.apiToken.create({ data: { kind: "team", name, prefix: "gth_x", hash: `h-${name}`, teamId: team.id, endpoints } });
    const both = await token("both", ["chat", "embed"]);
    const partlyGone = await token("partly-gone", ["deleted-long-ago", "embed"]);
    const allGone = await token("all-gone", ["deleted-long-ago"]);
    const all = await token("all");

    await db.$executeRawUnsafe(await migrationSql(kind));

    const endpointsOf = async (id: string) => (await db.apiToken.findUniqueOrThrow({ where: { id } })).endpoints;
    expect(new Set((await endpointsOf(both.id)) as string[])).toEqual(new Set([chat.id, embed.id]));
    expect(await endpointsOf(partlyGone.id)).toEqual([embed.id]);
    expect(await endpointsOf(allGone.id)).toEqual([]);
    expect(await endpointsOf(all.id)).toBeNull();
  });
});
