// Passthrough: provider-native requests relayed to the provider of a Gatehouse endpoint. Each
// native API ("format": Anthropic Messages, OpenAI, Gemini) is one PassthroughFormat; the shared
// handler and relay (handler.ts, relay.ts, stream.ts) own auth, routing, fallback, timeouts and
// tracing through the gateway core.

import type { ProviderId, UpstreamRequest } from "../../providers/types";
import type { GatewayError } from "../errors";
import type { RoutedTarget } from "../snapshot-build";
import type { TraceUsage } from "../trace-hook";
import type { GatewayHeaders } from "../types";

export type PassthroughFormatId = "anthropic" | "openai" | "gemini";

/** What a passthrough call is, for the endpoint-kind check and the trace's `operation`. */
export type PassthroughKind = "chat" | "embeddings" | "count_tokens";

export interface PassthroughRoute {
  format: PassthroughFormat;
  /** The provider's operation, e.g. "messages", "chat/completions", "streamGenerateContent". */
  op: string;
  kind: PassthroughKind;
  /** The endpoint name when the provider puts the model in the path (Gemini); else null (`model`
   * in the body). */
  pathModel: string | null;
  /** The API version segment of the path (Gemini: v1, v1beta), forwarded as-is. */
  apiVersion: string | null;
}

/** One client request, ready to be sent to each target in turn. */
export interface PassthroughCall {
  route: PassthroughRoute;
  /** The body to send (its `model` is still the endpoint name; `upstream()` swaps it). */
  body: Record<string, unknown>;
  stream: boolean;
  /** Client headers minus credentials, hop-by-hop and Gatehouse-only headers. */
  headers: Record<string, string>;
  /** Client query string minus credentials (`key`). */
  query: URLSearchParams;
  /** The format changed the stream request so the upstream reports usage (OpenAI chat:
   * `stream_options.include_usage`); the tracker then hides what the client did not ask for. */
  usageInjected: boolean;
  /** The last failed attempt's Retry-After headers (`retry-after`, `retry-after-ms`); null when it
   * had none or failed without an HTTP answer. Forwarded when every attempt failed. */
  lastRetryAfter: Record<string, string> | null;
}

/** Watches a relayed stream: parses a copy of the bytes for usage, completeness, in-stream errors
 * and (when capturing) the final message. */
export interface StreamTracker {
  /** Observes upstream bytes and returns what the client gets: the same bytes, except where the
   * format hides what the gateway added (see PassthroughCall.usageInjected). */
  push(bytes: Uint8Array): Uint8Array;
  /** The upstream closed; returns bytes still held back (normally none). */
  end(): Uint8Array | null;
  /** Usage seen so far (partial until the stream completes). */
  usage(): TraceUsage | null;
  /** The format's terminal event arrived (or, without one, the stream finished properly). */
  readonly complete: boolean;
  /** The upstream's own in-stream error (already relayed to the client as-is). */
  readonly upstreamError: string | null;
  /** The assembled final message for the trace; only called when the endpoint captures payloads. */
  result(): unknown;
}

export interface PassthroughFormat {
  id: PassthroughFormatId;
  /** Providers whose native API this is; other endpoints answer 400 on this route. */
  providers: ReadonlySet<ProviderId>;
  /** Matches the path after `/gateway/<id>`; null when it is not a route of this format. */
  match(rest: string): PassthroughRoute | null;
  /** Reads the team token from where this format's SDK sends it; undefined = the core's
   * `Authorization: Bearer` / `x-api-key`. */
  teamToken?(headers: GatewayHeaders, query: URLSearchParams): string | undefined;
  /** Whether the request streams; may reject a stream form the relay cannot serve (400). */
  isStream(route: PassthroughRoute, body: Record<string, unknown>, query: URLSearchParams): boolean;
  /** Adjusts the body once per request, before any target is tried (never mutates the client's
   * object, which the trace keeps); `usageInjected` as in PassthroughCall. */
  prepare?(route: PassthroughRoute, body: Record<string, unknown>): { body: Record<string, unknown>; usageInjected: boolean };
  /** The upstream request for one target: URL, stored credential, body with the provider model. */
  upstream(call: PassthroughCall, target: RoutedTarget): UpstreamRequest;
  /** Usage of a successful non-streaming response. */
  usage(route: PassthroughRoute, body: unknown): TraceUsage | null;
  /** What the trace keeps of a non-streaming response (default: the body as received). */
  captureResponse?(route: PassthroughRoute, body: unknown): unknown;
  tracker(call: PassthroughCall, capturing: boolean): StreamTracker;
  /** The format's in-stream error event, sent when the relay fails after the stream started. */
  errorEvent(error: GatewayError, tracker: StreamTracker): string;
}
