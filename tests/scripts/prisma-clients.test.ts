// `npm start` regenerates the Prisma clients when they were generated from other schemas than the
// checked-out ones (a pull that changed the schema without `npm ci`): the stamp written by
// scripts/prisma-generate.mjs must match a hash of both schema files.

import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { clientsAreCurrent } from "../../scripts/prisma-generate.mjs";

const STAMP = "lib/db/generated/schema-stamp";
const original = readFileSync(STAMP, "utf8");

afterEach(() => writeFileSync(STAMP, original));

describe("Prisma clients stamp", () => {
  it("is current after generation and stale once the schemas differ from what it recorded", () => {
    expect(clientsAreCurrent()).toBe(true); // postinstall / the test setup generated them
    writeFileSync(STAMP, "0".repeat(64));
    expect(clientsAreCurrent()).toBe(false);
  });
});
