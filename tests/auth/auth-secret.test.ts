// The session secret: NEXTAUTH_SECRET when set, else generated once into a 0600 file and reused.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gatehouse-auth-secret-"));
  vi.resetModules(); // a fresh module: no secret cached from an earlier test
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function load() {
  return import("@/lib/auth/auth-secret");
}

describe("getAuthSecret", () => {
  it("prefers NEXTAUTH_SECRET, then AUTH_SECRET, and writes no file", async () => {
    const { getAuthSecret } = await load();
    const file = path.join(dir, "auth-secret");
    expect(getAuthSecret({ NEXTAUTH_SECRET: "from-env", GATEHOUSE_AUTH_SECRET_FILE: file })).toBe("from-env");
    expect(getAuthSecret({ AUTH_SECRET: "auth-env", GATEHOUSE_AUTH_SECRET_FILE: file })).toBe("auth-env");
    expect(() => statSync(file)).toThrow();
  });

  it("generates a 0600 secret file once and reuses it across processes", async () => {
    const file = path.join(dir, "nested", "auth-secret");
    const env = { GATEHOUSE_AUTH_SECRET_FILE: file };
    const first = (await load()).getAuthSecret(env);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first);

    vi.resetModules(); // as another process would: nothing cached, the file is read
    expect((await load()).getAuthSecret(env)).toBe(first);
  });

  it("refuses a file holding a too-short secret", async () => {
    const file = path.join(dir, "auth-secret");
    writeFileSync(file, "short\n", { mode: 0o600 });
    const { getAuthSecret } = await load();
    expect(() => getAuthSecret({ GATEHOUSE_AUTH_SECRET_FILE: file })).toThrow(/shorter than 32 characters/);
  });
});
