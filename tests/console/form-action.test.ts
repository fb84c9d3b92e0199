// The console's server-action plumbing: FormData → schema input, and every kind of failure →
// field-level errors keyed by the zod path the form renders next to its inputs.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { conflict, invalidField, notFound } from "@/lib/api/errors";
import { checkbox, compact, errorState, int, json, submit, text, zodFieldErrors } from "@/lib/console/form-action";
import { createEndpointSchema } from "@/lib/endpoints/schemas";
import { createSecretSchema } from "@/lib/secrets/schemas";
import { z } from "zod";

function parseError(schema: { safeParse(v: unknown): { success: boolean; error?: ZodError } }, input: unknown): ZodError {
  const result = schema.safeParse(input);
  if (result.success || !result.error) throw new Error("expected the input to be invalid");
  return result.error;
}

describe("zodFieldErrors", () => {
  it("keys each issue by its dotted path, rows included", () => {
    const error = parseError(createEndpointSchema, {
      name: "bad name!",
      kind: "chat",
      models: [{ provider: "openai", model: "gpt-4o-mini", secretId: "" }, { provider: "nope", model: "", secretId: "s" }],
    });
    const { fieldErrors, formErrors } = zodFieldErrors(error);
    expect(fieldErrors.name).toMatch(/^Must be 1-64 characters/);
    expect(fieldErrors["models.0.secretId"]).toBe("Must not be empty");
    expect(fieldErrors["models.1.provider"]).toBeDefined();
    expect(fieldErrors["models.1.model"]).toBe("Must not be empty");
    expect(formErrors).toEqual([]);
  });

  it("reports a missing required field as 'Required' and list-level issues under the list", () => {
    const missing = zodFieldErrors(parseError(createEndpointSchema, { kind: "chat", models: [] }));
    expect(missing.fieldErrors.name).toBe("Required");
    expect(missing.fieldErrors.models).toMatch(/at least one model/i);

    const weights = zodFieldErrors(
      parseError(createEndpointSchema, {
        name: "e",
        kind: "chat",
        models: [{ provider: "openai", model: "m", secretId: "s", weight: 0, fallbackOrder: 0 }],
      }),
    );
    expect(weights.fieldErrors.models).toMatch(/weight > 0/);
  });

  it("words zod's number errors plainly and keeps the schemas' own messages", () => {
    const { fieldErrors } = zodFieldErrors(
      parseError(createEndpointSchema, {
        name: "e",
        kind: "chat",
        models: [{ provider: "openai", model: "m", secretId: "s", weight: -1, fallbackOrder: 1.5 }],
        maxAttempts: 0,
        timeoutMs: "abc",
      }),
    );
    expect(fieldErrors.maxAttempts).toBe("Must be at least 1");
    expect(fieldErrors.timeoutMs).toBe("Must be a number");
    expect(fieldErrors["models.0.fallbackOrder"]).toBe("Must be a whole number");
    expect(fieldErrors["models.0.weight"]).toBe("Must be >= 0");
  });

  it("words zod's length errors plainly (text and lists)", () => {
    const schema = z.object({ name: z.string().trim().min(1), description: z.string().max(20), code: z.string().min(3), tags: z.array(z.string()).max(2), one: z.array(z.string()).min(1) });
    const { fieldErrors } = zodFieldErrors(parseError(schema, { name: "  ", description: "x".repeat(21), code: "ab", tags: ["a", "b", "c"], one: [] }));
    expect(fieldErrors).toEqual({
      name: "Required",
      description: "Must be at most 20 characters",
      code: "Must be at least 3 characters",
      tags: "Must have at most 2 items",
      one: "Must have at least 1 item",
    });
    // A schema's own message stays.
    const own = zodFieldErrors(parseError(z.object({ name: z.string().max(3, "Keep it short") }), { name: "long" }));
    expect(own.fieldErrors.name).toBe("Keep it short");
  });

  it("names provider-specific fields of a secret (config.region for Bedrock)", () => {
    const { fieldErrors } = zodFieldErrors(
      parseError(createSecretSchema, { name: "aws", provider: "bedrock", accessKeyId: "AKIA", secretAccessKey: "x", config: {} }),
    );
    expect(Object.keys(fieldErrors)).toEqual(["config.region"]);
  });
});

describe("errorState", () => {
  afterEach(() => vi.restoreAllMocks());

  it("puts a service's 409/422 with a param next to that field", () => {
    expect(errorState(conflict("A team named 'x' already exists.", "already_exists", "name"))).toEqual({
      status: "error",
      fieldErrors: { name: "A team named 'x' already exists." },
    });
    expect(errorState(invalidField("models.0.secretId", "secret 's' not found"))).toEqual({
      status: "error",
      fieldErrors: { "models.0.secretId": "Secret 's' not found" },
    });
  });

  it("shows other API errors as a form-level message", () => {
    const inUse = conflict("Provider key 'k' is used by endpoint 'e'; remove it from it first.", "secret_in_use");
    expect(errorState(inUse)).toEqual({ status: "error", message: inUse.message });
    expect(errorState(notFound("Team 't' not found."))).toEqual({ status: "error", message: "Team 't' not found." });
  });

  it("never leaks an unexpected error's text, and logs it", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const state = errorState(new Error("connection string postgres://secret@db"));
    expect(state).toEqual({ status: "error", message: "Unexpected server error; the details are in the server log." });
    expect(log).toHaveBeenCalledOnce();
  });
});

describe("submit", () => {
  it("does not run the service when the schema rejects the input", async () => {
    const run = vi.fn(async () => "created");
    const state = await submit(createEndpointSchema, { name: "x" }, run);
    expect(state.status).toBe("error");
    expect(run).not.toHaveBeenCalled();
  });

  it("shows a database check's field error (a taken name) together with the schema's", async () => {
    const run = vi.fn(async () => "created");
    const taken = async () => {
      throw conflict("An endpoint named 'x' already exists.", "already_exists", "name");
    };
    const state = await submit(createEndpointSchema, { name: "x" }, run, { checks: taken });
    expect(state.status).toBe("error");
    expect(run).not.toHaveBeenCalled();
    const errors = (state as { fieldErrors: Record<string, string> }).fieldErrors;
    expect(errors.name).toBe("An endpoint named 'x' already exists.");
    expect(Object.keys(errors).length).toBeGreaterThan(1); // the schema's errors are there too
    // A check that passes, or fails without naming a field, adds nothing.
    const plain = await submit(createEndpointSchema, { name: "x" }, run);
    for (const checks of [async () => {}, async () => { throw new Error("db down"); }]) {
      expect(await submit(createEndpointSchema, { name: "x" }, run, { checks })).toEqual(plain);
    }
  });

  it("reports errors found while reading the form with the schema's, and then never runs the service", async () => {
    const run = vi.fn(async () => "saved");
    const schema = z.strictObject({ name: z.string().min(1, "must not be empty"), when: z.string().optional() });
    const readErrors = { when: "Pick a date" };
    expect(await submit(schema, { name: "" }, run, { readErrors })).toMatchObject({
      status: "error",
      fieldErrors: { name: "Must not be empty", when: "Pick a date" },
    });
    expect(await submit(schema, { name: "ok" }, run, { readErrors })).toEqual({ status: "error", fieldErrors: { when: "Pick a date" } });
    expect(run).not.toHaveBeenCalled();
    expect(await submit(schema, { name: "ok" }, run, { readErrors: {} })).toEqual({ status: "ok", result: "saved" });
  });

  it("returns the service's result, or its error as form state", async () => {
    expect(await submit(null, null, async () => ({ id: "1" }))).toEqual({ status: "ok", result: { id: "1" } });
    const failed = await submit(null, null, async () => {
      throw conflict("dup", "already_exists", "name");
    });
    expect(failed).toEqual({ status: "error", fieldErrors: { name: "Dup" } });
  });
});

describe("FormData readers", () => {
  const form = new FormData();
  form.set("name", "  team  ");
  form.set("blank", "   ");
  form.set("count", "12");
  form.set("notCount", "12abc");
  form.set("on", "on");
  form.set("models", JSON.stringify([{ a: 1 }]));
  form.set("broken", "{nope");

  it("reads text, leaving empty inputs undefined", () => {
    expect(text(form, "name")).toBe("  team  ");
    expect(text(form, "blank")).toBeUndefined();
    expect(text(form, "absent")).toBeUndefined();
  });

  it("reads integers, passing non-numbers through for the schema to name", () => {
    expect(int(form, "count")).toBe(12);
    expect(int(form, "notCount")).toBe("12abc");
    expect(int(form, "blank")).toBeUndefined();
  });

  it("reads checkboxes, JSON fields and compacts undefined values", () => {
    expect(checkbox(form, "on")).toBe(true);
    expect(checkbox(form, "off")).toBe(false);
    expect(json(form, "models")).toEqual([{ a: 1 }]);
    expect(json(form, "broken")).toBeUndefined();
    expect(compact({ a: 1, b: undefined, c: null })).toEqual({ a: 1, c: null });
  });
});
