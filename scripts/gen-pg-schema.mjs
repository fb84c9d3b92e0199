#!/usr/bin/env node
// Generates prisma/postgres/schema.prisma from prisma/schema.prisma (the source of truth): same
// models, provider "postgresql", client generated into lib/db/generated/postgres.
//
//   node scripts/gen-pg-schema.mjs          write the file
//   node scripts/gen-pg-schema.mjs --check  exit 1 if the file is missing or out of date (CI)
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = path.join(root, "prisma/schema.prisma");
const TARGET = path.join(root, "prisma/postgres/schema.prisma");

const HEADER = `// GENERATED FILE, DO NOT EDIT. Source: prisma/schema.prisma (the SQLite schema).
// Regenerate with \`node scripts/gen-pg-schema.mjs\`; CI runs it with --check.
`;

/** Replaces exactly one match, or fails: a silent no-op would produce a wrong schema. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`));
  if (matches?.length !== 1) {
    throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${matches?.length ?? 0}`);
  }
  return text.replace(pattern, replacement);
}

function postgresSchemaFrom(sqliteSchema) {
  // The leading comment block describes the source file; the generated file gets its own header.
  const body = sqliteSchema.replace(/^(?:\/\/[^\n]*\n|[ \t]*\n)*/, "");
  let schema = replaceOnce(
    body,
    /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/,
    '$1"postgresql"',
    'datasource with provider = "sqlite"',
  );
  schema = replaceOnce(
    schema,
    /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/lib\/db\/generated\/sqlite"/,
    '$1"../../lib/db/generated/postgres"',
    'client generator with output = "../lib/db/generated/sqlite"',
  );
  return `${HEADER}\n${schema}`;
}

async function main() {
  const expected = postgresSchemaFrom(await readFile(SOURCE, "utf8"));
  if (process.argv.includes("--check")) {
    const actual = await readFile(TARGET, "utf8").catch(() => null);
    if (actual !== expected) {
      console.error(
        "prisma/postgres/schema.prisma is out of date with prisma/schema.prisma.\n" +
          "Run `node scripts/gen-pg-schema.mjs`, then create the PostgreSQL migration " +
          "(`node scripts/new-migration.mjs <name>` does both).",
      );
      process.exit(1);
    }
    console.log("prisma/postgres/schema.prisma is in sync with prisma/schema.prisma.");
    return;
  }
  await mkdir(path.dirname(TARGET), { recursive: true });
  await writeFile(TARGET, expected);
  console.log(`Wrote ${path.relative(root, TARGET)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
