#!/usr/bin/env node
// Generates both Prisma clients: lib/db/generated/sqlite (from prisma/schema.prisma) and
// lib/db/generated/postgres (from prisma/postgres/schema.prisma). Runs on `npm install`
// (postinstall) and `npm run db:generate`; works offline (no engine download).
// It does not regenerate prisma/postgres/schema.prisma: that is `node scripts/gen-pg-schema.mjs`.
import { prismaPaths } from "../lib/db/database-url.mjs";
import { runPrisma } from "./lib/prisma-cli.mjs";

for (const provider of ["sqlite", "postgresql"]) {
  const { schema } = prismaPaths(provider);
  try {
    await runPrisma(["generate", "--schema", schema], { capture: true });
    console.log(`Generated the ${provider} Prisma client from ${schema}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
