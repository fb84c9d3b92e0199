// Response shapes of `GET /api/v1/usage` and `GET /api/v1/prices/builtin` for the OpenAPI document
// (lib/api/openapi.ts). The services return the TypeScript views of queries.ts / price-service.ts;
// the compiler checks below keep both with the same fields.

import { z } from "zod";
import type { AllTrue, SameKeys } from "../api/same-keys";
import type { UsageTotals } from "./aggregate";
import type { builtinPrices } from "./price-service";
import type { EndpointUsage, ModelUsage, ProviderUsage, TeamUsage, UsageDashboard, UsagePoint, UsageRange } from "./queries";
import { builtinPriceSchema } from "./schemas";

const nullableMs = z.number().nullable();

const usageTotalsSchema = z
  .object({
    requests: z.int(),
    errors: z.int(),
    errorRate: z.number().nullable().describe("errors / requests (0..1); null without requests"),
    p50Ms: nullableMs,
    p90Ms: nullableMs,
    p99Ms: nullableMs,
    avgLatencyMs: nullableMs,
    avgTtftMs: nullableMs.describe("Streaming requests' mean time to first token"),
    inputTokens: z.int(),
    outputTokens: z.int(),
    cacheReadTokens: z.int(),
    cacheCreationTokens: z.int(),
    totalTokens: z.int(),
    tokensPerRequest: z.number().nullable(),
    costUsd: z.number().nullable().describe("Sum over requests with a known cost; null when every request's cost is unknown"),
    unknownCostRequests: z.int().describe("Requests without a price for their model (not in costUsd)"),
  })
  .describe("Aggregates of a window");

const usageRangeSchema = z.object({
  from: z.string().meta({ format: "date-time" }),
  to: z.string().meta({ format: "date-time" }),
  bucketSeconds: z.int().describe("Width of one series point: 60, 3600 or 86400"),
});

const usagePointSchema = usageTotalsSchema
  .extend({
    time: z.string().meta({ format: "date-time" }).describe("Bucket start (UTC)"),
    cumulativeTokens: z.int(),
    cumulativeCostUsd: z.number(),
  })
  .describe("One time bucket");

const breakdownShape = {
  requests: z.int(),
  errors: z.int(),
  totalTokens: z.int(),
  costUsd: z.number().nullable().describe("null when every request's cost is unknown"),
  unknownCostRequests: z.int(),
};
const modelUsageSchema = z.object({ ...breakdownShape, provider: z.string(), model: z.string() });
const providerUsageSchema = z.object({ ...breakdownShape, provider: z.string() });
const endpointUsageSchema = z.object({ ...breakdownShape, endpoint: z.string() });
const teamUsageSchema = z.object({
  ...breakdownShape,
  teamId: z.string().nullable().describe("null = requests without a team"),
  teamName: z.string().nullable().describe("null when the team was deleted (or without a team)"),
});

export const usageDashboardSchema = z
  .object({
    range: usageRangeSchema,
    totals: usageTotalsSchema,
    points: z.array(usagePointSchema).describe("One point per bucket, empty buckets included, oldest first"),
    costByModel: z.array(modelUsageSchema).describe("By cost, highest first"),
    costByProvider: z.array(providerUsageSchema),
    topEndpoints: z.array(endpointUsageSchema).describe("Top 10 by cost, then by requests"),
    topTeams: z.array(teamUsageSchema).describe("Top 10 by cost, then by requests"),
  })
  .describe("The usage dashboard's aggregates (read from the rollups)");

export const builtinPricesSchema = z
  .object({
    asOf: z.string().describe("Date the built-in prices were taken (YYYY-MM-DD)"),
    data: z.array(builtinPriceSchema),
  })
  .describe("The built-in price table (read-only; admin prices win over it)");

// The schemas document exactly the views' fields (a field added to one only fails to compile).
true satisfies AllTrue<[
  SameKeys<z.output<typeof usageTotalsSchema>, UsageTotals>,
  SameKeys<z.output<typeof usageRangeSchema>, UsageRange>,
  SameKeys<z.output<typeof usagePointSchema>, UsagePoint>,
  SameKeys<z.output<typeof modelUsageSchema>, ModelUsage>,
  SameKeys<z.output<typeof providerUsageSchema>, ProviderUsage>,
  SameKeys<z.output<typeof endpointUsageSchema>, EndpointUsage>,
  SameKeys<z.output<typeof teamUsageSchema>, TeamUsage>,
  SameKeys<z.output<typeof usageDashboardSchema>, UsageDashboard>,
  SameKeys<z.output<typeof builtinPricesSchema>, ReturnType<typeof builtinPrices>>,
  SameKeys<z.output<typeof builtinPriceSchema>, ReturnType<typeof builtinPrices>["data"][number]>,
]>;
