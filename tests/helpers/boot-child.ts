// Boots Gatehouse in a child process as the production entry does (boot.child.ts), in `dir` as its
// working directory, with the given environment on top of this one (initial-admin variables and
// anything in `unset` removed). Resolves with the exit code and output.

import { execFile } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHILD = path.join(import.meta.dirname, "boot.child.ts");

export interface Boot {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function bootChild(dir: string, env: Record<string, string>, unset: readonly string[] = []): Promise<Boot> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(base)) if (name.startsWith("GATEHOUSE_INIT_ADMIN_") || unset.includes(name)) delete base[name];
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", CHILD, dir], { cwd: ROOT, env: { ...base, ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}
