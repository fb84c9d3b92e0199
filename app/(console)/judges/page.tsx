import Link from "next/link";
import type { Metadata } from "next";
import { Badge } from "@/components/badge";
import { ButtonLink } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { CodeText } from "@/components/eval/code-text";
import { formatDateTime } from "@/components/format";
import { PageHeader } from "@/components/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/table";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { listJudges } from "@/lib/eval/judge-service";
import type { JudgeView } from "@/lib/eval/view-schemas";
import { outputText } from "./output-text";

export const metadata: Metadata = { title: "Judges" };

function JudgeRows({ judges, showUpdated }: { judges: JudgeView[]; showUpdated?: boolean }) {
  return (
    <Table>
      <THead>
        <TH>Name</TH>
        <TH>Description</TH>
        <TH>Output</TH>
        <TH>Needs</TH>
        <TH>Version</TH>
        {showUpdated ? <TH>Updated</TH> : null}
      </THead>
      <TBody>
        {judges.map((j) => (
          <TR key={j.id}>
            <TD className="whitespace-nowrap font-medium">
              <Link href={`/judges/${encodeURIComponent(j.id)}`} className="font-mono text-tremor-brand hover:underline">
                {j.name}
              </Link>
            </TD>
            <TD className="max-w-md text-tremor-content">{j.description ? <CodeText text={j.description} /> : "—"}</TD>
            <TD className="whitespace-nowrap">
              <Badge tone={j.outputType === "pass_fail" ? "green" : j.outputType === "numeric" ? "brand" : "amber"}>{outputText(j)}</Badge>
            </TD>
            <TD className="text-tremor-label">{j.requires.length ? j.requires.join(", ") : "—"}</TD>
            <TD>v{j.version}</TD>
            {showUpdated ? <TD className="whitespace-nowrap text-tremor-label">{formatDateTime(j.updatedAt)}</TD> : null}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

export default async function JudgesPage() {
  const actor = actorOf(await requireAdmin());
  const judges = await listJudges(actor);
  const custom = judges.filter((j) => j.kind === "custom");
  return (
    <>
      <PageHeader
        title="Judges"
        description="LLM judges score a trace or dataset item: built-in ones with versioned prompts, and your own. Code scorers check outputs and trace facts without an LLM."
        actions={<ButtonLink href="/judges/new">New judge</ButtonLink>}
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Custom judges" description="Your prompt templates; a change to the prompt or output bumps the version." />
          {custom.length === 0 ? (
            <EmptyState title="No custom judges yet" action={<ButtonLink href="/judges/new">Create a judge</ButtonLink>}>
              Write a prompt with <code>{"{{inputs}}"}</code> and <code>{"{{outputs}}"}</code> and choose what it answers: pass / fail, a
              score or a category.
            </EmptyState>
          ) : (
            <JudgeRows judges={custom} showUpdated />
          )}
        </Card>
        <Card>
          <CardHeader title="Built-in judges" description="Ready to use in runs and online rules." />
          <JudgeRows judges={judges.filter((j) => j.kind === "builtin")} />
        </Card>
        <Card>
          <CardHeader title="Code scorers" description="Deterministic checks, no judge model and no cost." />
          <JudgeRows judges={judges.filter((j) => j.kind === "code")} />
        </Card>
      </div>
    </>
  );
}
