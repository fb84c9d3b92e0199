// Input and output schemas of admin prices (ModelPrice), shared by the admin API, server actions
// and forms. The usage / trace filters are in lib/tracing/schemas.ts.

import { z } from "zod";
import { timestampSchema } from "../api/timestamp";
import { PROVIDERS } from "../providers/types";
import { isValidModelPattern } from "./prices";

export const priceProviderSchema = z
  .enum([...PROVIDERS, "*"])
  .describe('Provider the price applies to, or "*" for every provider');

const perMillion = z.number().min(0, "must be >= 0").max(1_000_000).describe("USD per 1M tokens");

export const modelPatternSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200)
  .refine(isValidModelPattern, "must be a model id, optionally with * wildcards (e.g. gpt-4o*)")
  .describe("Model id or glob (`*` = any characters); the most specific matching pattern wins");

export const createPriceSchema = z
  .strictObject({
    provider: priceProviderSchema,
    modelPattern: modelPatternSchema,
    inputPerMillion: perMillion,
    outputPerMillion: perMillion,
    cacheReadPerMillion: perMillion.nullable().optional().describe("USD per 1M cache-read tokens; null = input price"),
    cacheWritePerMillion: perMillion.nullable().optional().describe("USD per 1M cache-write tokens; null = input price"),
    source: z.string().trim().min(1).max(200).optional().describe('Where the price comes from (default "admin")'),
  })
  .describe("An admin price; it wins over the built-in table");
export type CreatePriceInput = z.input<typeof createPriceSchema>;

export const updatePriceSchema = createPriceSchema
  .partial()
  .refine((v) => Object.keys(v).length > 0, "at least one field is required")
  .describe("Fields to change");
export type UpdatePriceInput = z.input<typeof updatePriceSchema>;

export const priceSchema = z
  .object({
    id: z.string(),
    provider: z.string(),
    modelPattern: z.string(),
    inputPerMillion: z.number(),
    outputPerMillion: z.number(),
    cacheReadPerMillion: z.number().nullable(),
    cacheWritePerMillion: z.number().nullable(),
    source: z.string(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .describe("An admin price (USD per 1M tokens)");
export type PriceView = Omit<z.output<typeof priceSchema>, "createdAt" | "updatedAt"> & {
  createdAt: Date;
  updatedAt: Date;
};

export const builtinPriceSchema = z
  .object({
    providers: z.array(z.string()),
    pattern: z.string(),
    input: z.number(),
    output: z.number(),
    cacheRead: z.number().optional(),
    cacheWrite: z.number().optional(),
    longContext: z
      .object({
        aboveInputTokens: z.number(),
        input: z.number(),
        output: z.number(),
        cacheRead: z.number().optional(),
        cacheWrite: z.number().optional(),
      })
      .optional(),
  })
  .describe("A built-in list price (USD per 1M tokens)");
