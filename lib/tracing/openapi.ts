// The traces, usage and prices part of the admin API's OpenAPI document (lib/api/openapi.ts):
// component schemas and paths of /traces, /usage and /prices. The query parameters are generated
// from the filter schemas the routes validate with (lib/tracing/schemas.ts).

import type { z } from "zod";
import { builtinPricesSchema, usageDashboardSchema } from "../usage/view-schemas";
import { createPriceSchema, priceSchema, updatePriceSchema } from "../usage/schemas";
import { traceFiltersSchema, usageFiltersSchema } from "./schemas";
import { traceDetailSchema, tracePageSchema } from "./view-schemas";

export const TRACING_OPENAPI_SCHEMAS = {
  TracePage: tracePageSchema,
  TraceDetail: traceDetailSchema,
  UsageDashboard: usageDashboardSchema,
  Price: priceSchema,
  CreatePrice: createPriceSchema,
  UpdatePrice: updatePriceSchema,
  BuiltinPrices: builtinPricesSchema,
} satisfies Record<string, z.ZodType>;

type Name = keyof typeof TRACING_OPENAPI_SCHEMAS | "Deleted";
interface TracingOp {
  summary: string;
  body?: Name;
  /** Schema of the query string (documented as query parameters). */
  query?: z.ZodType;
  response: Name;
  list?: boolean;
  status?: number;
}
type PathFn = (tag: string, template: string, ops: Partial<Record<"get" | "post" | "patch" | "delete", TracingOp>>) => readonly [string, unknown];

export function tracingPaths(path: PathFn): Array<readonly [string, unknown]> {
  return [
    path("Traces", "/traces", {
      get: {
        summary: "List traces, newest first, filtered and paged with a cursor (members: their teams' traces)",
        query: traceFiltersSchema,
        response: "TracePage",
      },
    }),
    path("Traces", "/traces/{id}", {
      get: { summary: "Get a trace (id = the call's x-request-id) with its attempts, payloads and scores", response: "TraceDetail" },
    }),
    path("Usage", "/usage", {
      get: {
        summary: "Usage dashboard aggregates: totals, a time series and breakdowns by model, provider, endpoint and team",
        query: usageFiltersSchema,
        response: "UsageDashboard",
      },
    }),
    path("Prices", "/prices", {
      get: { summary: "List admin prices", response: "Price", list: true },
      post: { summary: "Create an admin price (wins over the built-in table)", body: "CreatePrice", response: "Price", status: 201 },
    }),
    path("Prices", "/prices/{id}", {
      get: { summary: "Get an admin price", response: "Price" },
      patch: { summary: "Change an admin price", body: "UpdatePrice", response: "Price" },
      delete: { summary: "Delete an admin price", response: "Deleted" },
    }),
    path("Prices", "/prices/builtin", {
      get: { summary: "The built-in price table and the date it was taken", response: "BuiltinPrices" },
    }),
  ];
}
