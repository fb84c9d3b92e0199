// Bedrock runtime URLs and request authentication: AWS SigV4 (service "bedrock") through
// @smithy/signature-v4 — the signer the AWS SDK itself uses — or a Bedrock API key sent as a
// bearer token when the secret holds only `apiKey`.

import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { GatewayError } from "../gateway/errors";
import { baseUrlOf } from "./provider-helpers";
import type { Target, UpstreamRequest } from "./types";

export const BEDROCK_DEFAULT_REGION = "us-east-1";
const SIGNING_SERVICE = "bedrock";

function bedrockRegion(target: Target): string {
  const region = target.config.region;
  return typeof region === "string" && region !== "" ? region : BEDROCK_DEFAULT_REGION;
}

function bedrockBaseUrl(target: Target): string {
  return baseUrlOf(target, `https://bedrock-runtime.${bedrockRegion(target)}.amazonaws.com`);
}

/** Model ids may be ARNs or inference profiles (`arn:aws:bedrock:…:inference-profile/…`): every
 * reserved character is percent-encoded, as the AWS SDK does (encodeURIComponent plus !'()*). */
export function encodeModelId(modelId: string): string {
  return encodeURIComponent(modelId).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `POST {base}/model/{modelId}/{action}` with a JSON body, authenticated for the target. */
export async function bedrockRequest(
  target: Target,
  action: "converse" | "converse-stream" | "invoke",
  body: unknown,
): Promise<UpstreamRequest> {
  const url = new URL(`${bedrockBaseUrl(target)}/model/${encodeModelId(target.model)}/${action}`);
  const payload = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  // InvokeModel's `accept` member (the response MIME type) travels as the Accept header.
  if (action === "invoke") headers.accept = "application/json";

  const { accessKeyId, secretAccessKey, sessionToken, apiKey } = target.credentials;
  if (accessKeyId && secretAccessKey) {
    const signed = await sign(url, headers, payload, bedrockRegion(target), { accessKeyId, secretAccessKey, sessionToken });
    return { url: url.toString(), method: "POST", headers: signed, body: payload };
  }
  if (apiKey) {
    return { url: url.toString(), method: "POST", headers: { ...headers, authorization: `Bearer ${apiKey}` }, body: payload };
  }
  throw new GatewayError(
    500,
    "The Bedrock secret has neither IAM credentials (accessKeyId + secretAccessKey) nor a Bedrock API key.",
    "server_error",
    "provider_credentials_missing",
  );
}

async function sign(
  url: URL,
  headers: Record<string, string>,
  payload: string,
  region: string,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: SIGNING_SERVICE, region, credentials, sha256: Sha256 });
  const request = {
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    // The exact (already percent-encoded) path that goes on the wire; the signer applies SigV4's
    // own canonical encoding on top, exactly as for the AWS SDK's requests.
    path: url.pathname,
    query: {},
    // `host` is signed as the HTTP client will send it (URL host, port included when not default).
    headers: { ...headers, host: url.host },
    body: payload,
  };
  const signed = await signer.sign(request);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    // The HTTP client sets Host itself from the URL (the same value that was signed).
    if (name.toLowerCase() !== "host") out[name] = value;
  }
  return out;
}
