#!/usr/bin/env node
// Creates a migration for BOTH databases after prisma/schema.prisma changed:
//   node scripts/new-migration.mjs <name> [--create-only]
//  1. regenerates prisma/postgres/schema.prisma from prisma/schema.prisma;
//  2. `prisma migrate dev --name <name>` on a scratch SQLite file → prisma/migrations/<ts>_<name>;
//  3. the same on a scratch PostgreSQL database (GATEHOUSE_TEST_PG_URL, default
//     postgresql://postgres@127.0.0.1:5432/postgres) → prisma/postgres/migrations/<ts>_<name>;
//  4. regenerates both Prisma clients.
// Scratch databases start empty and replay the existing migrations, so a drifted local database
// cannot leak into the migration. --create-only writes the SQL without applying it (to edit it;
// then edit both files alike). Apply to your own database with `npm run db:migrate`.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ROOT, runPrisma } from "./lib/prisma-cli.mjs";
import {
  dropDatabase,
  scratchDatabaseName,
  scratchDatabaseUrl,
  withServerClient,
} from "./lib/scratch-postgres.mjs";

function runNodeScript(script) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", script)], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`scripts/${script} failed`);
}

async function main() {
  const [name, ...flags] = process.argv.slice(2);
  if (!name || name.startsWith("-") || flags.some((flag) => flag !== "--create-only")) {
    console.error("Usage: node scripts/new-migration.mjs <name> [--create-only]");
    process.exit(2);
  }
  const migrateDev = ["migrate", "dev", "--name", name, ...flags];

  runNodeScript("gen-pg-schema.mjs");

  console.log("\n── SQLite (prisma/migrations)");
  const tmp = await mkdtemp(path.join(os.tmpdir(), "gatehouse-migration-"));
  try {
    await runPrisma(migrateDev, { env: { DATABASE_URL: `file:${path.join(tmp, "scratch.db")}` } });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  console.log("\n── PostgreSQL (prisma/postgres/migrations)");
  const database = scratchDatabaseName("gatehouse_migration");
  // Fail early, with a clear message, if the server is not there.
  await withServerClient(() => undefined);
  try {
    await runPrisma(migrateDev, { env: { DATABASE_URL: scratchDatabaseUrl(database) } });
  } finally {
    await withServerClient((client) => dropDatabase(client, database));
  }

  console.log("\n── Prisma clients");
  runNodeScript("prisma-generate.mjs");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
