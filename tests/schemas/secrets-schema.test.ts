import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { fromZodError } from "@/lib/api/errors";
import { createSecretSchema, rotateSecretSchema, updateSecretSchema } from "@/lib/secrets/schemas";

function firstError(schema: { safeParse(v: unknown): { success: boolean; error?: ZodError } }, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return fromZodError(result.error!);
}

describe("secret schemas", () => {
  it("accepts an OpenAI key with a base URL and strips trailing slashes", () => {
    const parsed = createSecretSchema.parse({
      name: " prod ",
      provider: "openai",
      apiKey: "sk-123",
      config: { baseUrl: "http://127.0.0.1:8080/v1/" },
    });
    expect(parsed).toEqual({ name: "prod", provider: "openai", apiKey: "sk-123", config: { baseUrl: "http://127.0.0.1:8080/v1" } });
    expect(createSecretSchema.parse({ name: "x", provider: "anthropic", apiKey: "k" }).config).toEqual({});
  });

  it.each(["ftp://example.com", "javascript:alert(1)", "not a url", "file:///etc/passwd"])("rejects baseUrl %s", (baseUrl) => {
    const err = firstError(createSecretSchema, { name: "x", provider: "openai", apiKey: "k", config: { baseUrl } });
    expect(err.status).toBe(422);
    expect(err.param).toBe("config.baseUrl");
    expect(err.message).toMatch(/http:\/\/ or https:\/\//);
  });

  it("requires apiKey for key-based providers and refuses AWS fields there", () => {
    const missing = firstError(createSecretSchema, { name: "x", provider: "openai" });
    expect(missing).toMatchObject({ status: 422, code: "validation_error", param: "apiKey" });
    expect(missing.message).toBe("apiKey: API key is required for OpenAI keys");
    const err = firstError(createSecretSchema, { name: "x", provider: "openai", apiKey: "k", accessKeyId: "AKIA" });
    expect(err.param).toBe("accessKeyId");
    expect(err.message).toBe("accessKeyId: Access key id is only used by AWS Bedrock keys, not OpenAI keys");
  });

  it("words the provider rules for people: field labels and product names, no field or provider ids", () => {
    const messages = [
      { name: "x", provider: "azure" },
      { name: "x", provider: "openai-compatible", sessionToken: "t" },
      { name: "b", provider: "bedrock" },
      { name: "b", provider: "bedrock", accessKeyId: "AKIA" },
      { name: "b", provider: "bedrock", secretAccessKey: "s" },
      { name: "b", provider: "bedrock", apiKey: "k", accessKeyId: "AKIA" },
    ].flatMap((value) => createSecretSchema.safeParse(value).error!.issues.map((i) => i.message));
    expect(messages).toEqual([
      "API key is required for Azure OpenAI keys",
      "Base URL is required for Azure OpenAI keys",
      "API key is required for OpenAI-compatible keys",
      "Session token is only used by AWS Bedrock keys, not OpenAI-compatible keys",
      "Base URL is required for OpenAI-compatible keys",
      "AWS Bedrock keys need an access key id and a secret access key, or a Bedrock API key",
      "Region is required for AWS Bedrock keys",
      "Secret access key is required with an access key id",
      "Region is required for AWS Bedrock keys",
      "Access key id is required with a secret access key",
      "Region is required for AWS Bedrock keys",
      "Give either a Bedrock API key or an access key id with its secret access key, not both",
      "Region is required for AWS Bedrock keys",
    ]);
    for (const m of messages) expect(m).not.toMatch(/apiKey|accessKeyId|secretAccessKey|sessionToken|baseUrl|provider '/);
  });

  it("reports the provider's rules together with other field errors (a form shows them all at once)", () => {
    const result = createSecretSchema.safeParse({ provider: "azure" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "apiKey", "config.baseUrl"]));
    // An unknown provider: only that (and the other fields' own) errors, no provider rules.
    const unknown = createSecretSchema.safeParse({ name: "x", provider: "nope" });
    expect(unknown.error!.issues.map((i) => i.path.join("."))).toEqual(["provider"]);
  });

  it("Bedrock: IAM credentials or an API key, and a region", () => {
    const iam = { name: "b", provider: "bedrock", accessKeyId: "AKIAEXAMPLE", secretAccessKey: "s3cr3t", config: { region: "us-east-1" } };
    expect(createSecretSchema.safeParse(iam).success).toBe(true);
    expect(createSecretSchema.safeParse({ ...iam, sessionToken: "tok" }).success).toBe(true);
    expect(
      createSecretSchema.safeParse({ name: "b", provider: "bedrock", apiKey: "ABSK-key", config: { region: "eu-west-3" } }).success,
    ).toBe(true);
    expect(firstError(createSecretSchema, { ...iam, config: {} }).param).toBe("config.region");
    expect(firstError(createSecretSchema, { ...iam, config: { region: "mars" } }).param).toBe("config.region");
    expect(firstError(createSecretSchema, { ...iam, secretAccessKey: undefined }).param).toBe("secretAccessKey");
    expect(firstError(createSecretSchema, { ...iam, apiKey: "also" }).message).toMatch(/not both/);
    expect(firstError(createSecretSchema, { name: "b", provider: "bedrock", config: { region: "us-east-1" } }).param).toBe(
      "accessKeyId",
    );
  });

  it("Azure and openai-compatible need a baseUrl", () => {
    expect(firstError(createSecretSchema, { name: "a", provider: "azure", apiKey: "k" }).param).toBe("config.baseUrl");
    expect(firstError(createSecretSchema, { name: "a", provider: "openai-compatible", apiKey: "k" }).param).toBe("config.baseUrl");
  });

  it("refuses unknown fields, so credentials cannot be stored as config", () => {
    const err = firstError(createSecretSchema, { name: "x", provider: "openai", apiKey: "k", config: { apiKey: "leak" } });
    expect(err.param).toBe("config.apiKey");
    expect(err.message).toMatch(/Unknown field in config: apiKey/);
    expect(firstError(updateSecretSchema, { apiKey: "k" }).param).toBe("apiKey");
    expect(firstError(rotateSecretSchema, { name: "x" }).param).toBe("name");
  });

  it("reports a missing field as required", () => {
    const err = firstError(createSecretSchema, { provider: "openai", apiKey: "k" });
    expect(err).toMatchObject({ status: 422, code: "validation_error", param: "name" });
    expect(err.message).toBe("name is required");
  });
});
