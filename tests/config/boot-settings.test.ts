// Numeric settings at start: a malformed GATEHOUSE_MAX_BODY_BYTES (read by the gateway at its first
// request) or trace writer setting stops the start with one line naming the variable, instead of
// every gateway call failing with a 500 later. Boots a real child process, as production does
// (tests/crypto/boot-key.child.ts: bootOrExit), against a fresh SQLite file.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootChild, type Boot } from "../helpers/boot-child";
import { freshDatabase, type TestDatabase } from "../helpers/db";


describe("settings at boot", () => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await freshDatabase("sqlite");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-boot-settings-"));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await database?.cleanup();
  });

  const boot = (env: Record<string, string>): Promise<Boot> =>
    bootChild(dir, { DATABASE_URL: database.url, GATEHOUSE_ENCRYPTION_KEY: randomBytes(32).toString("base64"), ...env });

  it("a malformed GATEHOUSE_MAX_BODY_BYTES or GATEHOUSE_TRACE_BATCH_SIZE stops the start with one line naming it", async () => {
    const body = await boot({ GATEHOUSE_MAX_BODY_BYTES: "32MB" });
    expect(body).toMatchObject({ code: 1, stdout: "" });
    expect(body.stderr.trim().split("\n")).toEqual(["[gatehouse] cannot start: GATEHOUSE_MAX_BODY_BYTES must be a positive integer, got '32MB'"]);

    const batch = await boot({ GATEHOUSE_TRACE_BATCH_SIZE: "0" });
    expect(batch).toMatchObject({ code: 1, stdout: "" });
    expect(batch.stderr.trim().split("\n")).toEqual(["[gatehouse] cannot start: GATEHOUSE_TRACE_BATCH_SIZE must be a positive integer, got '0'"]);

    const valid = await boot({ GATEHOUSE_MAX_BODY_BYTES: "1048576" });
    expect(valid).toMatchObject({ code: 0, stdout: "booted\n" });
  }, 120_000);
});
