// Wiring: the process boot (production server and Next instrumentation) starts the evaluation
// runtime, which resumes a run left behind by a dead process; the shutdown hooks stop it.

import { describe, expect, it } from "vitest";
import { evaluationRuntime } from "../../lib/eval/runtime";
import { bootGatehouse } from "../../lib/server/boot";
import { runShutdownHooks } from "../../lib/server/shutdown";
import { useTestEncryptionKey } from "../helpers/api";
import { useFreshDatabase } from "../helpers/db";
import { waitFor } from "./helpers";

describe("evaluation runtime at boot (sqlite)", () => {
  // Boot loads the keyring: a key for this process, so no ./data/encryption.key is generated.
  useTestEncryptionKey();
  const database = useFreshDatabase("sqlite");

  it("starts with the server, resumes interrupted runs and stops on shutdown", async () => {
    const db = database.db;
    const ds = await db.dataset.create({ data: { name: "boot", items: { create: [{ inputs: "a", outputs: "{}" }, { inputs: "b", outputs: "nope" }] } }, include: { items: true } });
    // A run a dead process left mid-way: one item claimed ("running"), one pending.
    const run = await db.evaluationRun.create({
      data: {
        name: "left behind",
        status: "running",
        source: "dataset",
        datasetId: ds.id,
        judges: [{ kind: "code", name: "json_valid", version: 1, scorer: { type: "code", scorer: "json_valid" } }],
        total: 2,
        startedAt: new Date(),
        items: { create: ds.items.map((item, position) => ({ position, datasetItemId: item.id, status: position === 0 ? "running" : "pending" })) },
      },
    });
    expect(evaluationRuntime()).toBeNull();
    await bootGatehouse();
    expect(evaluationRuntime()).not.toBeNull();
    const done = await waitFor("resumed run completed", async () => {
      const row = await db.evaluationRun.findUniqueOrThrow({ where: { id: run.id } });
      return row.status === "completed" && row;
    });
    expect(done).toMatchObject({ done: 2, errors: 0 });
    const scores = await db.score.findMany({ where: { runId: run.id }, orderBy: { label: "asc" } });
    expect(scores.map((s) => s.label)).toEqual(["fail", "pass"]);
    await runShutdownHooks(5_000);
    expect(evaluationRuntime()).toBeNull();
  });
});
