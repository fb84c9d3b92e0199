// Runs the Prisma CLI as a child process with the schema-engine stand-in and no network extras.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCHEMA_ENGINE_STAND_IN = path.join(ROOT, "scripts", "prisma-schema-engine.mjs");
const PRISMA_CLI = createRequire(import.meta.url).resolve("prisma/build/index.js");

/** Environment for the CLI: our engine (unless the native one is asked for), no telemetry ping. */
export function prismaEnv(overrides = {}) {
  const env = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    ...overrides,
  };
  if (env.GATEHOUSE_NATIVE_PRISMA_ENGINE !== "1") env.PRISMA_SCHEMA_ENGINE_BINARY = SCHEMA_ENGINE_STAND_IN;
  return env;
}

/** Passes whole lines of `input` through `rewrite` to `output` (a line split across chunks is held). */
function relayLines(input, output, rewrite) {
  let pending = "";
  input.setEncoding("utf8");
  input.on("data", (chunk) => {
    const text = pending + chunk;
    const end = text.lastIndexOf("\n") + 1;
    pending = text.slice(end);
    if (end) output.write(rewrite(text.slice(0, end)));
  });
  input.on("end", () => pending && output.write(rewrite(pending)));
}

/**
 * `prisma <args>` from the repository root. With `capture`, output is collected and included in the
 * error on failure; otherwise it goes to this process's stdio (needed for interactive prompts), line
 * by line through `rewrite` when given (e.g. to correct a message the CLI hard-codes).
 * @param {string[]} args
 * @param {{ env?: Record<string, string | undefined>, capture?: boolean, rewrite?: (text: string) => string }} [options]
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
export function runPrisma(args, { env = {}, capture = false, rewrite } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      cwd: ROOT,
      env: prismaEnv(env),
      stdio: capture ? ["ignore", "pipe", "pipe"] : rewrite ? ["inherit", "pipe", "pipe"] : "inherit",
    });
    let stdout = "";
    let stderr = "";
    if (capture) {
      child.stdout?.on("data", (chunk) => (stdout += chunk));
      child.stderr?.on("data", (chunk) => (stderr += chunk));
    } else if (rewrite) {
      relayLines(child.stdout, process.stdout, rewrite);
      relayLines(child.stderr, process.stderr, rewrite);
    }
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (rewrite) [stdout, stderr] = [rewrite(stdout), rewrite(stderr)];
      if (code === 0) return resolve({ stdout, stderr });
      const output = capture ? `\n${stdout}${stderr}`.trimEnd() : "";
      reject(new Error(`prisma ${args.join(" ")} failed (${signal ?? `exit code ${code}`})${output}`));
    });
  });
}
