#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which cannot be downloaded here.
//
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at this file, so every `prisma migrate …`,
// `prisma db …` and `prisma generate` talks to it instead. It speaks the binary's protocol and
// forwards each call to the same engine compiled to WebAssembly (@prisma/schema-engine-wasm),
// running on the driver adapter the datasource URL selects: `file:` → better-sqlite3,
// `postgres(ql)://` → pg. Migration files and the `_prisma_migrations` table stay standard.
// Details and the gaps handled in scripts/prisma-engine/: /work/shared/PRISMA.md.
//
// Usage (as the CLI invokes it):
//   prisma-schema-engine.mjs --version
//   prisma-schema-engine.mjs --datasource '{"url":…,"shadowDatabaseUrl":…}' [--datamodels <path>]…
//   prisma-schema-engine.mjs --datasource '{"url":…}' cli can-connect-to-database|create-database
import { EngineHost, providerOf } from "./prisma-engine/engine-host.mjs";
import { EngineCliError, logLine } from "./prisma-engine/errors.mjs";
import { postgresCanConnect, postgresCreateDatabase } from "./prisma-engine/postgres.mjs";
import { serveJsonRpc } from "./prisma-engine/rpc-server.mjs";
import { sqliteCanConnect, sqliteCreateDatabase } from "./prisma-engine/sqlite.mjs";
import { loadSchemaEngineWasm, wasmEngineVersion } from "./prisma-engine/wasm.mjs";

function parseArgs(argv) {
  const args = { datasource: {}, datamodels: [], version: false, cli: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`Missing value for ${arg}`);
      return argv[++i];
    };
    switch (arg) {
      case "--version":
      case "-V":
        args.version = true;
        break;
      case "--datasource":
        args.datasource = JSON.parse(value());
        break;
      case "--datamodels":
        args.datamodels.push(value());
        break;
      case "--enabled-preview-features":
      case "--extension-types":
        value(); // accepted for compatibility; the WASM engine reads features from the schema
        break;
      case "cli":
        args.cli = argv[i + 1];
        if (!args.cli) throw new Error("Missing subcommand after `cli`");
        i = argv.length;
        break;
      default:
        throw new Error(`Unknown argument: ${arg}`);
    }
  }
  return args;
}

/** One-shot `cli <command>`: reports on stderr as JSON log lines, exits non-zero on failure. */
async function runCliCommand(command, url) {
  if (!url) throw new Error(`\`cli ${command}\` needs --datasource with a url`);
  const isSqlite = providerOf(url, []) === "sqlite";
  // The CLI skips the first stderr line before parsing the rest as JSON log lines.
  process.stderr.write(logLine("INFO", { message: `Starting schema engine CLI: ${command}` }));
  switch (command) {
    case "can-connect-to-database":
      await (isSqlite ? sqliteCanConnect(url) : postgresCanConnect(url));
      return;
    case "create-database": {
      const name = await (isSqlite ? sqliteCreateDatabase(url) : postgresCreateDatabase(url));
      process.stderr.write(logLine("INFO", { message: `Database '${name}' was successfully created.` }));
      return;
    }
    default:
      throw new Error(`Unknown cli subcommand: ${command}`);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${await wasmEngineVersion()}\n`);
    return;
  }
  if (args.cli) {
    try {
      await runCliCommand(args.cli, args.datasource.url);
    } catch (error) {
      const fields = { message: error?.message ?? String(error) };
      if (error instanceof EngineCliError) fields.error_code = error.code;
      process.stderr.write(logLine("ERROR", fields));
      process.exitCode = 1;
    }
    return;
  }
  const glue = await loadSchemaEngineWasm();
  const host = await EngineHost.start(glue, {
    datasource: args.datasource,
    datamodels: await EngineHost.readDatamodels(args.datamodels),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  serveJsonRpc(host);
}

main().catch((error) => {
  process.stderr.write(logLine("ERROR", { message: error?.stack ?? String(error) }));
  process.exit(1);
});
