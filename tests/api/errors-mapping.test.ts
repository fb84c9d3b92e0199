// Database errors that slip past the services' own checks (races) still map to clear API errors.
import { describe, expect, it } from "vitest";
import { toApiError } from "@/lib/api/errors";
import { TEST_DATABASES, useFreshDatabase } from "../helpers/db";

describe.each(TEST_DATABASES)("Prisma error mapping (%s)", (kind) => {
  const database = useFreshDatabase(kind);

  it("P2002 → 409 naming the field", async () => {
    await database.db.team.create({ data: { name: "dup" } });
    const err = await database.db.team.create({ data: { name: "dup" } }).catch((e: unknown) => e);
    const mapped = toApiError(err);
    expect(mapped).toMatchObject({ status: 409, type: "conflict_error", code: "already_exists", param: "name" });
    expect(mapped.message).toBe("A Team with this name already exists.");
  });

  it("P2025 → 404", async () => {
    const err = await database.db.team.update({ where: { id: "missing" }, data: { name: "x" } }).catch((e: unknown) => e);
    expect(toApiError(err)).toMatchObject({ status: 404, type: "not_found_error" });
  });

  it("a foreign-key violation → 409 in_use", async () => {
    const secret = await database.db.secret.create({
      data: { name: "s", provider: "openai", ciphertext: "x", wrappedKey: "x", kekId: "x", maskedKey: "x", config: {} },
    });
    await database.db.endpoint.create({
      data: { name: "e", kind: "chat", models: { create: [{ provider: "openai", model: "m", secretId: secret.id }] } },
    });
    const err = await database.db.secret.delete({ where: { id: secret.id } }).catch((e: unknown) => e);
    expect(toApiError(err)).toMatchObject({ status: 409, code: "in_use" });
  });
});

describe("write conflicts", () => {
  // What PostgreSQL's serialization failure looks like when it surfaces at COMMIT of an
  // interactive transaction (seen in a two-setups race), next to Prisma's own code for it.
  const atCommit = Object.assign(new Error("TransactionWriteConflict"), {
    name: "DriverAdapterError",
    cause: { kind: "TransactionWriteConflict", originalCode: "40001", originalMessage: "could not serialize access" },
  });

  it("are recognised in both shapes and answered 409 write_conflict", async () => {
    const { isWriteConflict } = await import("@/lib/db/errors");
    expect(isWriteConflict(atCommit)).toBe(true);
    expect(isWriteConflict({ code: "P2034" })).toBe(true);
    expect(isWriteConflict(new Error("other"))).toBe(false);
    expect(isWriteConflict(null)).toBe(false);
    expect(toApiError(atCommit)).toMatchObject({ status: 409, code: "write_conflict" });
  });
});
