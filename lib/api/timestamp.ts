// Timestamps in API responses: ISO 8601 strings (JSON serialisation of Date), documented as such.
import { z } from "zod";

export const timestampSchema = z.string().meta({ format: "date-time", description: "ISO 8601 timestamp" });
