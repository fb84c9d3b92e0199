// What every Gatehouse process does once at start, whichever way it was started (the production
// server in lib/server/main.ts, or Next itself through instrumentation.ts under `next dev`): load
// the encryption keyring (generating ./data/encryption.key with a loud warning when no key is
// configured; a malformed key stops the start), check DATABASE_URL (a PostgreSQL URL must name a
// database) and that the key fits the database's secrets (a server started with another key on a
// shared database stops, lib/secrets/kek-check.ts), create the initial admin from
// GATEHOUSE_INIT_ADMIN_* (idempotent), start the trace writer that the gateway core feeds, and the
// evaluation runtime (run executor + online rules). Everything here is idempotent and keyed on
// globalThis, so the two entry points may both run in one process.

import { getKeyring } from "../crypto/kek";
import { checkDatabaseUrl, configuredDatabaseUrl } from "../db/database-url.mjs";
import { startEvaluation } from "../eval/runtime";
import { gatewaySettings } from "../gateway/settings";
import { startTracing, type TraceWriterLike } from "../tracing";
import { checkKeyAgainstDatabase } from "../secrets/kek-check";
import { tracingSettingsFromEnv } from "../tracing/settings";
import { ensureInitialAdmin } from "../users/bootstrap";

const KEY = Symbol.for("gatehouse.boot");
type Holder = { [KEY]?: Promise<void> };

export interface BootOptions {
  /** Makes the trace writer (the production server: a worker thread, lib/tracing/worker-writer.ts);
   * default an in-process TraceWriter. */
  traceWriter?: () => TraceWriterLike;
}

/** A configuration problem found at start, reported as one line (bootOrExit). Recognised by name:
 * Next's bundle of this module has its own copy of the class. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

function isStartupError(err: unknown): err is StartupError {
  return err instanceof Error && err.name === "StartupError";
}

/** The keyring now rather than at the first secret: the key file is generated (with its warning)
 * on first start, and a malformed GATEHOUSE_ENCRYPTION_KEY(_OLD) or key file stops the start. */
function loadEncryptionKeys(): void {
  try {
    getKeyring();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new StartupError(`invalid encryption key configuration: ${message.replace(/\s*\n\s*/g, " ")}`);
  }
}

/** The gateway's and the trace writer's settings now: a malformed GATEHOUSE_MAX_BODY_BYTES (or any
 * other numeric setting) stops the start, instead of failing every gateway request with a 500 when
 * the gateway first reads its settings. */
function checkSettings(): void {
  try {
    gatewaySettings();
    tracingSettingsFromEnv();
  } catch (err) {
    throw new StartupError(err instanceof Error ? err.message : String(err));
  }
}

/** The same check as `npm run db:migrate` (checkDatabaseUrl), for servers started without it. */
function checkDatabaseConfiguration(): void {
  try {
    checkDatabaseUrl(configuredDatabaseUrl());
  } catch (err) {
    throw new StartupError(err instanceof Error ? err.message : String(err));
  }
}

/** Refuses a key that decrypts none of the database's secrets; logs how the keys are used. */
async function checkEncryptionKeyAgainstDatabase(): Promise<void> {
  const check = await checkKeyAgainstDatabase();
  if (check.problem) throw new StartupError(check.problem);
  for (const note of check.notes) console.warn(`[gatehouse] ${note}`);
}

async function boot(options: BootOptions): Promise<void> {
  checkSettings();
  checkDatabaseConfiguration();
  loadEncryptionKeys();
  await checkEncryptionKeyAgainstDatabase();
  const created = await ensureInitialAdmin();
  if (created.userCreated) console.log(`[gatehouse] created the initial admin ${process.env.GATEHOUSE_INIT_ADMIN_EMAIL?.trim()}`);
  if (created.tokenCreated) console.log("[gatehouse] created the initial admin API token");
  startTracing({ create: options.traceWriter });
  // Evaluation: resumes interrupted runs, scores new traces for online rules (lib/eval/runtime.ts).
  startEvaluation();
}

/** Runs the start-up work once per process; later calls return the same promise. */
export function bootGatehouse(options: BootOptions = {}): Promise<void> {
  const g = globalThis as Holder;
  return (g[KEY] ??= boot(options));
}

/** bootGatehouse for the process entry points: a StartupError is printed as one line
 * (`[gatehouse] cannot start: …`) and the process exits with status 1; other errors propagate. */
export async function bootOrExit(options: BootOptions = {}): Promise<void> {
  try {
    await bootGatehouse(options);
  } catch (err) {
    if (!isStartupError(err)) throw err;
    process.stderr.write(`[gatehouse] cannot start: ${err.message}\n`);
    process.exit(1);
  }
}
