import type { Metadata } from "next";
import { Card, CardBody } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { actorOf, requireAdmin } from "@/lib/auth/session";
import { listEndpoints } from "@/lib/endpoints/service";
import { createJudgeAction } from "../actions";
import { JudgeForm } from "../judge-form";

export const metadata: Metadata = { title: "New judge" };

export default async function NewJudgePage() {
  const actor = actorOf(await requireAdmin());
  const endpoints = (await listEndpoints(actor)).filter((e) => e.kind === "chat").map((e) => e.name);
  return (
    <>
      <PageHeader title="New judge" description="A custom LLM judge: your prompt, your output." back={{ href: "/judges", label: "Judges" }} />
      <Card>
        <CardBody className="py-6">
          <JudgeForm action={createJudgeAction} endpoints={endpoints} submitLabel="Create judge" />
        </CardBody>
      </Card>
    </>
  );
}
