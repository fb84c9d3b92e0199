// Which upstream HTTP statuses move a request on to the next target. No dependencies: the gateway
// core and the endpoint schemas (also bundled into console forms) both read it.

/** Used when an endpoint sets no `fallbackOn`: request timeout, conflict, rate limit and every 5xx
 * (Anthropic's 529 "overloaded", Cloudflare's 520–524 in front of OpenAI-compatible servers, …). */
export const DEFAULT_FALLBACK_STATUSES: readonly number[] = [408, 409, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

/** How DEFAULT_FALLBACK_STATUSES reads in forms and API docs. */
export const DEFAULT_FALLBACK_LABEL = "408, 409, 429, 5xx";
