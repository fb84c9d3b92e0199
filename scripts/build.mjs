#!/usr/bin/env node
// `npm run build`: production build of the console (Next.js) + a stamp so `npm start` knows it is current.
import { spawnSync } from "node:child_process";
import { writeStamp, sourceFingerprint } from "./build-stamp.mjs";

export function build() {
  const before = sourceFingerprint();
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  // Only stamp when nothing changed during the build.
  if (sourceFingerprint() === before) writeStamp();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    build();
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
    process.exit(1);
  }
}
