// The gateway's base URL as the signed-in browser reaches the console (proxy headers first): what
// the dashboard and a team's page tell people to put in their SDK.

import { headers } from "next/headers";

export async function gatewayBaseUrl(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0].trim() || h.get("host") || "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0].trim() || "http";
  return `${proto}://${host}/gateway/mlflow/v1`;
}
