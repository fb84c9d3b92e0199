// Fingerprint of everything a production build depends on, so `npm start` rebuilds when the
// sources changed since the last build (and only then).
import { createHash } from "node:crypto";
import { readdirSync, statSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const INPUTS = ["app", "components", "lib", "prisma", "instrumentation.ts", "next.config.ts", "tailwind.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", "generated"]);
export const STAMP_FILE = ".next/gatehouse-build-stamp";

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else {
      const s = statSync(p);
      out.push(`${p}:${s.size}:${s.mtimeMs}`);
    }
  }
}

export function sourceFingerprint(root = process.cwd()) {
  const parts = [];
  for (const input of INPUTS) {
    const p = join(root, input);
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory()) walk(p, parts);
    else {
      const s = statSync(p);
      parts.push(`${p}:${s.size}:${s.mtimeMs}`);
    }
  }
  parts.sort();
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

export function buildIsCurrent(root = process.cwd()) {
  const stamp = join(root, STAMP_FILE);
  if (!existsSync(join(root, ".next/BUILD_ID")) || !existsSync(stamp)) return false;
  return readFileSync(stamp, "utf8").trim() === sourceFingerprint(root);
}

export function writeStamp(root = process.cwd()) {
  writeFileSync(join(root, STAMP_FILE), sourceFingerprint(root) + "\n");
}
