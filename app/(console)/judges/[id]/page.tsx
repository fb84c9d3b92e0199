import type { Metadata } from "next";
import { ActionButton } from "@/components/action-button";
import { Badge } from "@/components/badge";
import { Card, CardBody, CardHeader } from "@/components/card";
import { CodeText } from "@/components/eval/code-text";
import { PageHeader } from "@/components/page-header";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { orNotFound } from "@/lib/console/or-not-found";
import { listEndpoints } from "@/lib/endpoints/service";
import { getJudge } from "@/lib/eval/judge-service";
import { deleteJudgeAction, tryJudgeAction, updateJudgeAction } from "../actions";
import { JudgeForm } from "../judge-form";
import { outputText } from "../output-text";
import { TryJudgeForm } from "../try-judge-form";

export const metadata: Metadata = { title: "Judge" };

const KIND_LABEL = { builtin: "built-in", custom: "custom", code: "code scorer" } as const;

export default async function JudgePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ trace?: string }>;
}) {
  const { id } = await params;
  const { trace } = await searchParams;
  const actor = actorOf(await requireAdmin());
  const judge = await orNotFound(getJudge(actor, decodeURIComponent(id)));
  const endpoints = (await listEndpoints(actor)).filter((e) => e.kind === "chat").map((e) => e.name);
  const custom = judge.kind === "custom";
  return (
    <>
      <PageHeader
        title={judge.name}
        description={judge.description ? <CodeText text={judge.description} /> : undefined}
        back={{ href: "/judges", label: "Judges" }}
        actions={
          custom ? (
            <ActionButton
              action={deleteJudgeAction.bind(null, judge.id)}
              confirm={`Delete judge '${judge.name}'? Scores it gave are kept.`}
              pendingLabel="Deleting…"
            >
              Delete judge
            </ActionButton>
          ) : null
        }
      />
      <div className="space-y-6">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="brand">{KIND_LABEL[judge.kind]}</Badge>
          <Badge>v{judge.version}</Badge>
          <Badge tone="green">{outputText(judge)}</Badge>
          {judge.requires.length ? <span className="text-tremor-label text-tremor-content">needs {judge.requires.join(", ")}</span> : null}
        </div>
        {custom ? (
          <Card>
            <CardHeader title="Edit" description="Changing the prompt or the output bumps the version; earlier scores keep theirs." />
            <CardBody className="py-6">
              <JudgeForm
                action={updateJudgeAction.bind(null, judge.id)}
                endpoints={endpoints}
                initial={{
                  name: judge.name,
                  description: judge.description,
                  template: judge.template ?? "",
                  outputType: judge.outputType,
                  scaleMin: judge.scale?.min ?? null,
                  scaleMax: judge.scale?.max ?? null,
                  categories: judge.categories,
                  endpoint: judge.endpoint,
                }}
                submitLabel="Save judge"
              />
            </CardBody>
          </Card>
        ) : judge.template ? (
          <Card>
            <CardHeader title="Prompt" description="Built-in judges are versioned; their prompt cannot be changed." />
            <CardBody>
              <pre className="max-h-80 overflow-auto whitespace-pre-wrap rounded-tremor-default bg-tremor-background-muted p-3 font-mono text-tremor-label text-tremor-content-emphasis">
                {judge.template}
              </pre>
            </CardBody>
          </Card>
        ) : null}
        <Card>
          <CardHeader title="Try on a trace" description="Runs the judge once on a trace and shows the verdict. Nothing is recorded." />
          <CardBody className="py-5">
            <TryJudgeForm
              action={tryJudgeAction.bind(null, judge.id)}
              kind={judge.kind}
              judgeName={judge.name}
              endpoints={endpoints}
              defaultTraceId={trace}
              scale={judge.scale}
            />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
