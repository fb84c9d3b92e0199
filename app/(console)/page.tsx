import Link from "next/link";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { Card, CardBody, CardHeader } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { PageHeader } from "@/components/page-header";
import { actorOf, requireUser } from "@/lib/auth/session";
import { listEndpoints } from "@/lib/endpoints/service";
import { listSecrets } from "@/lib/secrets/service";
import { listTeams } from "@/lib/teams/service";

export const metadata: Metadata = { title: "Dashboard" };

/** The gateway's base URL as this browser reaches the console (proxy headers first). */
async function gatewayBaseUrl(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0].trim() || h.get("host") || "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0].trim() || "http";
  return `${proto}://${host}/gateway/mlflow/v1`;
}

function Stat({ label, value, href, hint }: { label: string; value: number; href: string; hint: string }) {
  return (
    <Link href={href} className="group block">
      <Card className="h-full transition-shadow group-hover:shadow-tremor-dropdown">
        <CardBody>
          <p className="text-tremor-default text-tremor-content">{label}</p>
          <p className="mt-1 text-tremor-metric font-semibold text-tremor-content-strong">{value}</p>
          <p className="mt-1 text-tremor-label text-tremor-content">{hint}</p>
        </CardBody>
      </Card>
    </Link>
  );
}

function Step({ done, children }: { done: boolean; children: React.ReactNode }) {
  return (
    <li className="flex items-start gap-3">
      <span
        className={`mt-0.5 grid h-5 w-5 shrink-0 place-items-center rounded-full text-[11px] font-bold ${
          done ? "bg-emerald-500 text-white" : "border border-tremor-border bg-white text-tremor-content"
        }`}
        aria-label={done ? "done" : "to do"}
      >
        {done ? "✓" : ""}
      </span>
      <span className={done ? "text-tremor-content" : "text-tremor-content-strong"}>{children}</span>
    </li>
  );
}

export default async function DashboardPage() {
  const user = await requireUser();
  const actor = actorOf(user);
  const isAdmin = user.role === "admin";
  const [endpoints, teams, secrets, baseUrl] = await Promise.all([
    listEndpoints(actor),
    listTeams(actor),
    isAdmin ? listSecrets(actor) : Promise.resolve(null),
    gatewayBaseUrl(),
  ]);
  const model = endpoints.find((e) => e.kind === "chat")?.name ?? "<endpoint name>";
  const snippet = `from openai import OpenAI

client = OpenAI(
    base_url="${baseUrl}",
    api_key="gth_...",  # a team token from the Teams page
)
response = client.chat.completions.create(
    model="${model}",  # the endpoint name
    messages=[{"role": "user", "content": "Hello!"}],
)
print(response.choices[0].message.content)`;

  return (
    <>
      <PageHeader title="Dashboard" description={`Signed in as ${user.email}.`} />
      <div className="space-y-6">
        <div className={`grid gap-4 ${isAdmin ? "sm:grid-cols-3" : "sm:grid-cols-2"}`}>
          <Stat label="Endpoints" value={endpoints.length} href="/endpoints" hint="Model names clients can call" />
          {secrets ? <Stat label="Provider keys" value={secrets.length} href="/provider-keys" hint="Encrypted upstream credentials" /> : null}
          <Stat label={isAdmin ? "Teams" : "Your teams"} value={teams.length} href="/teams" hint="Each calls with its own tokens" />
        </div>
        <div className="grid gap-6 lg:grid-cols-5">
          {isAdmin && secrets ? (
            <Card className="lg:col-span-2">
              <CardHeader title="Getting started" />
              <CardBody>
                <ol className="space-y-3">
                  <Step done={secrets.length > 0}>
                    <Link href="/provider-keys/new" className="font-medium text-tremor-brand hover:underline">Add a provider key</Link> for OpenAI, Anthropic, Gemini, Bedrock, …
                  </Step>
                  <Step done={endpoints.length > 0}>
                    <Link href="/endpoints/new" className="font-medium text-tremor-brand hover:underline">Create an endpoint</Link>: the model name clients call.
                  </Step>
                  <Step done={teams.length > 0}>
                    <Link href="/teams" className="font-medium text-tremor-brand hover:underline">Create a team</Link> and an API token for it.
                  </Step>
                  <Step done={false}>Point any OpenAI SDK at the gateway (right).</Step>
                </ol>
              </CardBody>
            </Card>
          ) : null}
          <Card className={isAdmin ? "lg:col-span-3" : "lg:col-span-5"}>
            <CardHeader
              title="Call the gateway"
              description={
                <>
                  OpenAI-compatible base URL: <code className="text-tremor-content-strong">{baseUrl}</code>
                </>
              }
              actions={<CopyButton value={baseUrl} label="Copy URL" />}
            />
            <CardBody>
              <pre className="overflow-x-auto rounded-tremor-default bg-gray-950 p-4 text-[12.5px] leading-relaxed text-gray-100">
                <code>{snippet}</code>
              </pre>
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
