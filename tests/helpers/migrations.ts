// A migration's SQL statements as written (comments dropped), for tests that run one migration on
// a table in its before-state.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { prismaPaths } from "@/lib/db/database-url.mjs";
import { ROOT } from "@/scripts/lib/prisma-cli.mjs";
import type { TEST_DATABASES } from "./db";

/** The statements of the migration whose folder name ends with `_<name>`. */
export async function migrationStatements(kind: (typeof TEST_DATABASES)[number], name: string): Promise<string[]> {
  const dir = path.join(ROOT, prismaPaths(kind).migrations);
  const folder = (await readdir(dir)).find((entry) => entry.endsWith(`_${name}`));
  if (!folder) throw new Error(`no ${name} migration in ${dir}`);
  const sql = await readFile(path.join(dir, folder, "migration.sql"), "utf8");
  return sql
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("--"))
    .join("\n")
    .split(";")
    .map((statement) => statement.trim())
    .filter(Boolean);
}
