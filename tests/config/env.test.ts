import { afterEach, describe, expect, it } from "vitest";
import { positiveIntFromEnv } from "../../lib/config/env";

const NAME = "GATEHOUSE_TEST_POSITIVE_INT";

describe("positiveIntFromEnv", () => {
  afterEach(() => {
    delete process.env[NAME];
  });

  it("falls back when unset or empty", () => {
    expect(positiveIntFromEnv(NAME, 7)).toBe(7);
    process.env[NAME] = "";
    expect(positiveIntFromEnv(NAME, 7)).toBe(7);
  });

  it("reads a positive integer", () => {
    process.env[NAME] = "250";
    expect(positiveIntFromEnv(NAME, 7)).toBe(250);
  });

  it.each(["0", "-1", "1.5", "abc", "10ms"])("rejects %s, naming the variable", (raw) => {
    process.env[NAME] = raw;
    expect(() => positiveIntFromEnv(NAME, 7)).toThrow(`${NAME} must be a positive integer, got '${raw}'`);
  });
});
