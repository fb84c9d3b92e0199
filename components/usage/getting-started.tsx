// What the dashboard shows before there is traffic: the setup steps and how to call the gateway.

import Link from "next/link";
import { Card, CardBody, CardHeader } from "@/components/card";
import { CopyButton } from "@/components/copy-button";

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

export function GettingStarted({
  baseUrl,
  endpointName,
  counts,
  noTeam = false,
}: {
  baseUrl: string;
  endpointName: string | null;
  /** null for members (they cannot set anything up). */
  counts: { secrets: number; endpoints: number; teams: number } | null;
  /** A member in no team: they see no traffic and can make no token until an admin adds them. */
  noTeam?: boolean;
}) {
  const snippet = `from openai import OpenAI

client = OpenAI(
    base_url="${baseUrl}",
    api_key="gth_...",  # a team token from the Teams page
)
response = client.chat.completions.create(
    model="${endpointName ?? "<endpoint name>"}",  # the endpoint name
    messages=[{"role": "user", "content": "Hello!"}],
)
print(response.choices[0].message.content)`;
  return (
    // grid-cols-1 (minmax(0, 1fr)): the code sample scrolls inside its card on a phone instead of
    // widening the column.
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
      {noTeam ? (
        <Card className="lg:col-span-2">
          <CardHeader title="You are not in any team yet" />
          <CardBody>
            <p className="text-tremor-content">
              Usage, traces and API tokens belong to teams. Ask an admin to add you to a team; its traffic then shows here and you can
              create tokens for it on the <Link href="/teams" className="font-medium text-tremor-brand hover:underline">Teams</Link> page.
            </p>
          </CardBody>
        </Card>
      ) : null}
      {counts ? (
        <Card className="lg:col-span-2">
          <CardHeader title="Getting started" description="No traffic in this range yet." />
          <CardBody>
            <ol className="space-y-3">
              <Step done={counts.secrets > 0}>
                <Link href="/provider-keys/new" className="font-medium text-tremor-brand hover:underline">Add a provider key</Link> for OpenAI, Anthropic, Gemini, Bedrock, …
              </Step>
              <Step done={counts.endpoints > 0}>
                <Link href="/endpoints/new" className="font-medium text-tremor-brand hover:underline">Create an endpoint</Link>: the model name clients call.
              </Step>
              <Step done={counts.teams > 0}>
                <Link href="/teams" className="font-medium text-tremor-brand hover:underline">Create a team</Link> and an API token for it.
              </Step>
              <Step done={false}>Point any OpenAI SDK at the gateway (see “Call the gateway”).</Step>
            </ol>
          </CardBody>
        </Card>
      ) : null}
      <Card className={counts || noTeam ? "lg:col-span-3" : "lg:col-span-5"}>
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
  );
}
