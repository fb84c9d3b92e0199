// Stopping and starting the production server (scripts/start.mjs → lib/server/run-server.ts):
// SIGTERM / SIGINT / SIGHUP shut it down gracefully and it exits 0; when its parent shell dies
// (npm forwards `kill -TERM <npm pid>` to `sh -c …`, which does not pass it on) it shuts down too
// instead of running on orphaned; a port in use is one line and exit status 1, not an uncaught
// exception and a hang. Real child processes; the last case runs `node scripts/start.mjs` itself
// (with the existing production build, GATEHOUSE_REUSE_BUILD=1) when one exists.

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../helpers/db";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHILD = path.join(ROOT, "tests", "helpers", "server.child.ts");

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function start(command: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout?.on("data", (c) => (out += c));
  child.stderr?.on("data", (c) => (err += c));
  // "close": every holder of the pipes (the shell and the server under it) has exited.
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

async function waitFor(proc: Proc, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(proc.out());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}\nstdout: ${proc.out()}\nstderr: ${proc.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Running (an exited orphan may linger as a zombie until its new parent reaps it). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

describe("production server start and stop", () => {
  let database: TestDatabase;
  let second: TestDatabase;
  let env: Record<string, string>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-start-"));
  const started: number[] = [];

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    second = await freshDatabase("sqlite");
    env = {
      DATABASE_URL: database.url,
      GATEHOUSE_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      GATEHOUSE_ENCRYPTION_KEY_FILE: path.join(dir, "encryption.key"),
      GATEHOUSE_TRACE_WORKER: "0",
    };
  });
  afterAll(async () => {
    for (const pid of started) if (alive(pid)) process.kill(pid, "SIGKILL");
    await database?.cleanup();
    await second?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const serverChild = (port: number, viaShell = false): Proc =>
    viaShell
      ? start("sh", ["-c", `"${process.execPath}" --import tsx "${CHILD}" ${port}; echo "shell still here"`], env)
      : start(process.execPath, ["--import", "tsx", CHILD, String(port)], env);

  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)("%s shuts the server down gracefully; exit status 0", async (signal) => {
    const proc = serverChild(0);
    await waitFor(proc, /\[gatehouse\] ready on http:\/\/127\.0\.0\.1:\d+/);
    proc.child.kill(signal);
    expect(await proc.exited).toBe(0);
    expect(proc.out()).toContain(`[gatehouse] ${signal}: shutting down`);
  }, 60_000);

  it("when its parent shell is killed (what npm does on SIGTERM), the server shuts down instead of running on orphaned", async () => {
    const proc = serverChild(0, true);
    const pid = Number((await waitFor(proc, /^pid (\d+)$/m))[1]);
    started.push(pid);
    await waitFor(proc, /\[gatehouse\] ready on/);
    proc.child.kill("SIGTERM"); // the shell only, as npm's signal forwarding does
    await proc.exited;
    expect(alive(pid)).toBe(false);
    expect(proc.out()).toMatch(/\[gatehouse\] parent process \d+ exited \(npm stopped\?\): shutting down/);
    expect(proc.out()).toContain("[gatehouse] SIGTERM: shutting down");
  }, 60_000);

  it("a port in use is one line and exit status 1", async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const proc = serverChild(port);
      expect(await proc.exited).toBe(1);
      expect(proc.err().trim().split("\n")).toEqual([`[gatehouse] cannot start: port ${port} is in use — set PORT to a free port (or stop the process using it)`]);
    } finally {
      busy.close();
    }
  }, 60_000);

  it.skipIf(!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")))(
    "`node scripts/start.mjs` under a shell: killing the shell stops the server; a busy port exits 1 with one line",
    async () => {
      const startEnv = { ...env, GATEHOUSE_REUSE_BUILD: "1", PORT: "0", HOSTNAME: "127.0.0.1" };
      const proc = start("sh", ["-c", `"${process.execPath}" scripts/start.mjs; echo "shell still here"`], startEnv);
      try {
        await startedThenStopped(proc, startEnv);
      } finally {
        if (proc.child.exitCode === null) proc.child.kill("SIGTERM"); // the server follows its shell
      }
    },
    180_000,
  );

  async function startedThenStopped(proc: Proc, startEnv: Record<string, string>): Promise<void> {
    const port = Number((await waitFor(proc, /\[gatehouse\] ready on http:\/\/127\.0\.0\.1:(\d+)/, 120_000))[1]);

    // Another installation (its own SQLite file: the first one's is open) on the same port.
    const other = start(process.execPath, ["scripts/start.mjs"], { ...startEnv, DATABASE_URL: second.url, PORT: String(port) });
    expect(await other.exited).toBe(1);
    expect(other.err().trim().split("\n").filter((l) => l.startsWith("[gatehouse]"))).toEqual([
      `[gatehouse] cannot start: port ${port} is in use — set PORT to a free port (or stop the process using it)`,
    ]);
    expect(other.err()).not.toMatch(/Uncaught|EADDRINUSE/);

    proc.child.kill("SIGTERM");
    await proc.exited;
    expect(proc.out()).toContain("[gatehouse] SIGTERM: shutting down");
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  }
});
