// /gateway/{anthropic,openai,gemini}/… → the passthrough route, or null. Paths that are not a
// passthrough route stay the core's (e.g. /gateway/{endpoint}/mlflow/invocations for an endpoint
// named like a provider).

import { anthropicFormat } from "./anthropic";
import { geminiFormat } from "./gemini";
import { openaiFormat } from "./openai";
import type { PassthroughFormat, PassthroughRoute } from "./types";

const FORMATS: ReadonlyMap<string, PassthroughFormat> = new Map([anthropicFormat, openaiFormat, geminiFormat].map((f) => [f.id, f]));
const GATEWAY = "/gateway/";

export function matchPassthrough(path: string): PassthroughRoute | null {
  if (!path.startsWith(GATEWAY)) return null;
  const slash = path.indexOf("/", GATEWAY.length);
  if (slash === -1) return null;
  const format = FORMATS.get(path.slice(GATEWAY.length, slash));
  if (format === undefined) return null;
  const rest = path.slice(slash);
  return format.match(rest.length > 1 && rest.endsWith("/") ? rest.slice(0, -1) : rest);
}
