// A form's field errors after the user changes a choice the other fields depend on (the provider
// of a provider key): only the errors of the fields that do not depend on it stay.
import { describe, expect, it } from "vitest";
import { keepFieldErrors, type FormState } from "@/lib/console/form-state";

describe("keepFieldErrors", () => {
  it("keeps the listed fields (and their parts), drops the rest", () => {
    const state: FormState = {
      status: "error",
      fieldErrors: { name: "Required", apiKey: "API key is required for OpenAI keys", "config.baseUrl": "Invalid URL", "names.0": "x" },
    };
    expect(keepFieldErrors(state, ["name"]).fieldErrors).toEqual({ name: "Required" });
    expect(keepFieldErrors(state, ["config"]).fieldErrors).toEqual({ "config.baseUrl": "Invalid URL" });
    expect(keepFieldErrors(state, []).fieldErrors).toEqual({});
  });

  it("returns the same state when nothing is dropped or there are no field errors", () => {
    const state: FormState = { status: "error", fieldErrors: { name: "Required" } };
    expect(keepFieldErrors(state, ["name"])).toBe(state);
    const message: FormState = { status: "error", message: "Unexpected server error" };
    expect(keepFieldErrors(message, [])).toBe(message);
  });
});
