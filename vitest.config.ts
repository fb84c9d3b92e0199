import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    // `@/x` → <repo>/x, as in tsconfig.json (a regex, so `@prisma/...` imports are untouched).
    alias: [{ find: /^@\//, replacement: `${root}/` }],
  },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts"],
    // Each test file in its own child process; two at a time (the CI machine has 2 cores, and the
    // integration tests also drive PostgreSQL).
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    // beforeAll hooks may create and migrate databases (first run builds migration templates).
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
