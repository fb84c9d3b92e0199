// The one interface every provider implements (one file per provider in lib/providers/).
// A provider only translates: it builds the upstream HTTP request from an OpenAI-format request
// and turns the upstream response (or stream bytes) back into OpenAI format. The gateway core
// (lib/gateway) owns HTTP (undici pools), timeouts, retries, fallback, SSE output and tracing.

import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from "../gateway/openai-types";

export const PROVIDERS = [
  "openai",
  "anthropic",
  "gemini",
  "bedrock",
  "azure",
  "cohere",
  "mistral",
  "openai-compatible",
] as const;
export type ProviderId = (typeof PROVIDERS)[number];

/** Decrypted credentials of a Secret (lib/secrets). Which fields are set depends on the provider. */
export interface ProviderCredentials {
  apiKey?: string;
  /** Bedrock IAM credentials */
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
}

/** Non-secret config of a Secret. `baseUrl` follows the provider SDK's convention
 * (OpenAI's includes `/v1`; Anthropic's and Gemini's do not). */
export interface ProviderConfig {
  baseUrl?: string;
  apiVersion?: string; // azure, anthropic, gemini (defaults in ./api-versions)
  deployment?: string; // azure (defaults to the model name)
  region?: string; // bedrock
  [k: string]: unknown;
}

/** One concrete upstream: provider + provider model name + credentials. */
export interface Target {
  provider: ProviderId;
  model: string;
  credentials: ProviderCredentials;
  config: ProviderConfig;
}

export interface UpstreamRequest {
  url: string;
  method: "POST" | "GET";
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface TranslateContext {
  /** Gatehouse request id; providers that do not return an id use `chatcmpl-<requestId>`. */
  requestId: string;
  /** Unix seconds */
  created: number;
  /** The endpoint name the client used as `model`; responses report this as `model`. */
  endpointName: string;
}

/** Incremental decoder of an upstream stream into OpenAI chunks. Each provider owns its framing
 * (SSE, JSON array, AWS event stream). */
export interface StreamDecoder {
  /** Feed upstream bytes; returns the OpenAI chunks they complete (possibly none). */
  push(bytes: Uint8Array): ChatCompletionChunk[];
  /** Upstream closed. Returns remaining chunks. Must throw UpstreamStreamError when the stream
   * ended without the provider's terminal event (a cut stream must never look like success). */
  end(): ChatCompletionChunk[];
}

/** Thrown by decoders for an error event inside the stream or a premature end. */
export class UpstreamStreamError extends Error {
  constructor(message: string, readonly upstreamType?: string) {
    super(message);
    this.name = "UpstreamStreamError";
  }
}

export interface ProviderAdapter {
  id: ProviderId;
  /** Default base URL (SDK convention) when the secret has none. */
  defaultBaseUrl: string;

  /** Build the upstream chat request. Throw `unsupportedParam()` (lib/gateway/errors) for any
   * parameter this provider cannot honour. May be async (Bedrock signs with SigV4). */
  chatRequest(req: ChatCompletionRequest, target: Target, stream: boolean): UpstreamRequest | Promise<UpstreamRequest>;
  /** Translate a successful (2xx) non-streaming upstream JSON body. */
  chatResponse(body: unknown, target: Target, ctx: TranslateContext): ChatCompletion;
  /** Decoder for a successful (2xx) streaming upstream body. The chunks it emits carry usage in the
   * final chunk when the provider reports it (the core decides whether the client sees it). */
  chatStream(target: Target, ctx: TranslateContext): StreamDecoder;

  /** Embeddings; absent when the provider has no embeddings API (core answers 400). */
  embeddingsRequest?(req: EmbeddingsRequest, target: Target): UpstreamRequest | Promise<UpstreamRequest>;
  embeddingsResponse?(body: unknown, target: Target, req: EmbeddingsRequest, ctx: TranslateContext): EmbeddingsResponse;

  /** Human-readable message from a non-2xx upstream body (never includes credentials). */
  errorMessage(status: number, body: string): string;
}
