// Owns one WASM SchemaEngine instance, the driver adapter factory behind it, and the connections it
// opened; maps the native engine's JSON-RPC methods onto it.
import { readFile } from "node:fs/promises";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { providerOfUrl } from "../../lib/db/database-url.mjs";
import { createPostgresAdapterFactory, dropLeftoverShadowDatabases } from "./postgres.mjs";
import { createSqliteAdapterFactory, deleteSqliteDatabase } from "./sqlite.mjs";

/** Methods forwarded as they are (the WASM engine has a method of the same name). */
const FORWARDED_METHODS = new Set([
  "applyMigrations",
  "dbExecute",
  "debugPanic",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "ensureConnectionValidity",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "schemaPush",
]);

/** Methods that need a shadow database the WASM engine only takes from its own cache (gap 6). */
const SHADOW_DATABASE_METHODS = new Set(["createMigration", "evaluateDataLoss"]);
const SHADOW_NOT_CACHED = /shadow DB must be provided through an external factory/;

export class MethodNotFoundError extends Error {}

/** "sqlite" | "postgresql", from the URL scheme, else from the datasource block of the schema. */
export function providerOf(url, datamodels) {
  if (url) return providerOfUrl(url);
  const declared = datamodels.map(([, text]) => /provider\s*=\s*"(sqlite|postgresql)"/.exec(text));
  return declared.find(Boolean)?.[1] ?? "sqlite";
}

export class EngineHost {
  #glue;
  #log;
  #datasource;
  #datamodels;
  #provider;
  #engine = null;
  #adapters = new Set();

  constructor(glue, { datasource, datamodels, log }) {
    this.#glue = glue;
    this.#log = log;
    this.#datasource = datasource;
    this.#provider = providerOf(datasource.url, datamodels);
    // The WASM engine cannot boot without a schema (`migrate diff` starts it with none).
    this.#datamodels = datamodels.length
      ? datamodels
      : [["schema.prisma", `datasource db {\n  provider = "${this.#provider}"\n}\n`]];
  }

  static async start(glue, options) {
    const host = new EngineHost(glue, options);
    await host.#boot();
    return host;
  }

  static async readDatamodels(paths) {
    return Promise.all(paths.map(async (file) => [file, await readFile(file, "utf8")]));
  }

  async #boot() {
    this.#engine = await this.#glue.SchemaEngine.new(
      { datamodels: this.#datamodels },
      this.#log,
      bindMigrationAwareSqlAdapterFactory(this.#adapterFactory()),
    );
  }

  #adapterFactory() {
    const track = (adapter) => {
      this.#adapters.add(adapter);
      const dispose = adapter.dispose;
      adapter.dispose = async () => {
        this.#adapters.delete(adapter);
        await dispose.call(adapter);
      };
    };
    const { url, shadowDatabaseUrl } = this.#datasource;
    if (!url) return noDatasourceFactory(this.#provider);
    return this.#provider === "sqlite"
      ? createSqliteAdapterFactory(url, track)
      : createPostgresAdapterFactory(url, shadowDatabaseUrl, track);
  }

  /** Runs one JSON-RPC method. `print` sends text to the CLI (used by `diff`). */
  async call(method, params, print) {
    const engine = this.#engine;
    if (method === "getDatabaseVersion") return engine.version(params);
    if (method === "reset") return this.#reset(params);
    if (method === "diff") {
      const result = await engine.diff(params);
      if (result.stdout != null) await print(result.stdout);
      return { ...result, stdout: null };
    }
    if (SHADOW_DATABASE_METHODS.has(method)) {
      try {
        return await engine[method](params);
      } catch (error) {
        if (!SHADOW_NOT_CACHED.test(error?.message ?? "")) throw error;
        await engine.diagnoseMigrationHistory({
          migrationsList: params.migrationsList,
          optInToShadowDatabase: true,
          filters: params.filters,
        });
        return engine[method](params);
      }
    }
    if (FORWARDED_METHODS.has(method)) return engine[method](params);
    throw new MethodNotFoundError(`Method not found: ${method}`);
  }

  async #reset(params) {
    // Gap 3: for a SQLite file, the engine's reset leaves the tables; delete the file instead.
    if (this.#provider === "sqlite" && this.#datasource.url) {
      await this.#shutdownEngine();
      const deleted = await deleteSqliteDatabase(this.#datasource.url);
      await this.#boot();
      if (deleted) return {};
    }
    await this.#engine.reset(params);
    return {};
  }

  async #shutdownEngine() {
    await Promise.allSettled([...this.#adapters].map((adapter) => adapter.dispose()));
    this.#engine?.free();
    this.#engine = null;
  }

  /** Closes connections and drops temporary shadow databases. Safe to call more than once. */
  async close() {
    await this.#shutdownEngine();
    await dropLeftoverShadowDatabases();
  }
}

function noDatasourceFactory(provider) {
  const fail = async () => {
    throw new Error("This command needs a database, but no datasource URL was given to the engine.");
  };
  return {
    provider: provider === "sqlite" ? "sqlite" : "postgres",
    adapterName: "none",
    connect: fail,
    connectToShadowDb: fail,
  };
}
