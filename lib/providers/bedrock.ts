// Amazon Bedrock adapter: chat through the Converse / ConverseStream API
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html), embeddings
// through InvokeModel. Requests are SigV4-signed (IAM credentials) or carry a Bedrock API key.
// Region: `config.region` (default us-east-1); `config.baseUrl` overrides the regional endpoint.

import { BEDROCK_DEFAULT_REGION, bedrockRequest } from "./bedrock-auth";
import { bedrockEmbeddingsBody, fromBedrockEmbeddings } from "./bedrock-embeddings";
import { toConverseRequest } from "./bedrock-messages";
import { fromConverseResponse } from "./bedrock-response";
import { BedrockStreamDecoder } from "./bedrock-stream";
import { upstreamErrorMessage } from "./provider-helpers";
import type { ProviderAdapter } from "./types";

export const bedrockAdapter: ProviderAdapter = {
  id: "bedrock",
  defaultBaseUrl: `https://bedrock-runtime.${BEDROCK_DEFAULT_REGION}.amazonaws.com`,

  chatRequest(req, target, stream) {
    return bedrockRequest(target, stream ? "converse-stream" : "converse", toConverseRequest(req));
  },

  chatResponse(body, _target, ctx) {
    return fromConverseResponse(body, ctx);
  },

  chatStream(_target, ctx) {
    return new BedrockStreamDecoder(ctx);
  },

  embeddingsRequest(req, target) {
    return bedrockRequest(target, "invoke", bedrockEmbeddingsBody(req, target.model));
  },

  embeddingsResponse(body, target, req, ctx) {
    return fromBedrockEmbeddings(body, target.model, req, ctx);
  },

  errorMessage(status, body) {
    // {"message":"..."} (the error type travels in the x-amzn-errortype header); some services
    // spell it "Message".
    return upstreamErrorMessage(status, body, (json) => {
      const { message, Message } = json as { message?: unknown; Message?: unknown };
      const text = message ?? Message;
      return typeof text === "string" && text !== "" ? text : undefined;
    });
  },
};
