// Errors of the admin API and the domain services behind it (also used by server actions).
// Rendered as { "error": { "message", "type", "code", "param"? } }, the same shape the gateway uses.

import { ZodError, type z } from "zod";
import { isWriteConflict } from "../db/errors";

export type ApiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "conflict_error"
  | "server_error";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: ApiErrorType,
    readonly code: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  toJSON() {
    return {
      error: { message: this.message, type: this.type, code: this.code, ...(this.param ? { param: this.param } : {}) },
    };
  }
}

export const badRequest = (message: string, code = "invalid_request", param?: string) =>
  new ApiError(400, message, "invalid_request_error", code, param);
/** 422: the request is well-formed but a field is invalid. `param` is the field path, e.g. `models.0.secretId`. */
export const invalidField = (param: string, message: string, code = "invalid_value") =>
  new ApiError(422, message, "invalid_request_error", code, param);
export const unauthorized = (message: string, code = "invalid_api_key") =>
  new ApiError(401, message, "authentication_error", code);
export const forbidden = (message: string, code = "forbidden") => new ApiError(403, message, "permission_error", code);
export const notFound = (message: string, code = "not_found") => new ApiError(404, message, "not_found_error", code);
export const conflict = (message: string, code = "conflict", param?: string) =>
  new ApiError(409, message, "conflict_error", code, param);

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".");
}

function issueMessage(issue: z.core.$ZodIssue): string {
  const path = issuePath(issue);
  if (issue.code === "invalid_type" && / received undefined$/.test(issue.message)) {
    return path ? `${path} is required` : "A value is required";
  }
  if (issue.code === "unrecognized_keys") {
    const where = path ? ` in ${path}` : "";
    return `Unknown field${issue.keys.length > 1 ? "s" : ""}${where}: ${issue.keys.join(", ")}`;
  }
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** 422 naming the first invalid field in `param`; the message lists every issue. */
export function fromZodError(err: ZodError): ApiError {
  const first = err.issues[0];
  let param = first ? issuePath(first) : undefined;
  if (first?.code === "unrecognized_keys") param = [param, first.keys[0]].filter(Boolean).join(".");
  const message = err.issues.map(issueMessage).join("; ") || "Invalid request";
  return new ApiError(422, message, "invalid_request_error", "validation_error", param || undefined);
}

interface PrismaKnownError {
  code: string;
  message: string;
  meta?: Record<string, unknown>;
}

// Matched by shape, not class: each generated client (SQLite / PostgreSQL) carries its own copy.
function asPrismaKnownError(err: unknown): PrismaKnownError | null {
  if (typeof err !== "object" || err === null) return null;
  const e = err as { name?: unknown; code?: unknown };
  return e.name === "PrismaClientKnownRequestError" && typeof e.code === "string" ? (err as PrismaKnownError) : null;
}

/** The fields of a unique-constraint violation: from the classic `meta.target`, or a driver
 * adapter's cause (SQLite names the fields, PostgreSQL the index: `<Model>_<field>_key`). */
function uniqueFields(meta: Record<string, unknown> | undefined): string[] {
  if (!meta) return [];
  const fromIndex = (index: string) => {
    const model = typeof meta.modelName === "string" ? meta.modelName : "";
    return index.replace(new RegExp(`^${model}_`), "").replace(/_key$/, "").split("_").filter(Boolean);
  };
  const target = meta.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === "string") return fromIndex(target);
  const cause = (meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown; index?: unknown } } } | undefined)
    ?.cause;
  const fields = cause?.constraint?.fields;
  if (Array.isArray(fields)) return fields.map((f) => String(f).replace(/^"|"$/g, ""));
  const index = cause?.constraint?.index;
  return typeof index === "string" ? fromIndex(index) : [];
}

function fromPrismaError(err: PrismaKnownError): ApiError | null {
  const model = typeof err.meta?.modelName === "string" ? err.meta.modelName : "record";
  switch (err.code) {
    case "P2002": {
      const fields = uniqueFields(err.meta);
      const what = fields.length ? fields.join(", ") : "value";
      return conflict(`A ${model} with this ${what} already exists.`, "already_exists", fields[0]);
    }
    case "P2025":
      return notFound(`The ${model} does not exist (it may have just been deleted).`);
    case "P2003":
      return conflict(`The ${model} is still referenced by other records.`, "in_use");
    case "P2034":
      return conflict("The change conflicted with a concurrent change; retry the request.", "write_conflict");
    default:
      return null;
  }
}

/** Map anything thrown by a service to an ApiError; unknown errors become a logged 500. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return fromZodError(err);
  const prisma = asPrismaKnownError(err);
  const mapped = prisma && fromPrismaError(prisma);
  if (mapped) return mapped;
  if (isWriteConflict(err)) return conflict("The change conflicted with a concurrent change; retry the request.", "write_conflict");
  console.error("[gatehouse] unhandled error in admin API:", err);
  return new ApiError(500, "Internal server error.", "server_error", "internal_error");
}

export function errorResponse(err: unknown): Response {
  const apiError = toApiError(err);
  return Response.json(apiError.toJSON(), { status: apiError.status });
}
