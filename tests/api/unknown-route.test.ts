// Unknown /api/v1 paths answer the API's JSON error (404 not_found) for every method, with or
// without credentials, through the catch-all route app/api/v1/[[...path]]/route.ts.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as catchAll from "@/app/api/v1/[[...path]]/route";
import { call } from "../helpers/api";

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

describe("admin API: unknown paths", () => {
  it.each(METHODS)("%s on an unknown path → JSON 404 not_found", async (method) => {
    const handler = catchAll[method];
    const target = "/api/v1/no-such-thing/42?x=1";
    const withBody = method === "POST" || method === "PUT" || method === "PATCH";
    const res = await call(handler, method, target, withBody ? { body: { name: "x" } } : {});
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.json).toEqual({
      error: {
        message: `No admin API route at ${method} /api/v1/no-such-thing/42; the routes are listed in GET /api/v1/openapi.json.`,
        type: "not_found_error",
        code: "not_found",
      },
    });
  });

  it("answers the same with a valid-looking or a bad token, and for /api/v1 itself", async () => {
    for (const token of ["gha_" + "x".repeat(43), "not-a-token"]) {
      const res = await call(catchAll.GET, "GET", "/api/v1/secretz", { token });
      expect(res.status).toBe(404);
      expect(res.json.error).toMatchObject({ type: "not_found_error", code: "not_found" });
    }
    const root = await call(catchAll.GET, "GET", "/api/v1");
    expect(root.status).toBe(404);
    expect(root.json.error.message).toMatch(/^No admin API route at GET \/api\/v1;/);
  });

  it("is an optional catch-all directly under app/api/v1, so every real route takes precedence", () => {
    const dir = path.join(ROOT, "app/api/v1");
    const dynamic = fs.readdirSync(dir).filter((name) => name.startsWith("["));
    expect(dynamic).toEqual(["[[...path]]"]);
    expect(fs.existsSync(path.join(dir, "route.ts"))).toBe(false);
  });
});
