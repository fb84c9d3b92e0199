import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/alert";
import { buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { scoreColumns } from "@/components/eval/score-columns";
import { ScoreFilterField } from "@/components/eval/score-filter-field";
import { Input, Select } from "@/components/input";
import { PageHeader } from "@/components/page-header";
import { AddToDatasetPanel, SelectAllTraces, TraceCheckbox } from "@/components/traces/trace-selection";
import { TraceTable } from "@/components/traces/trace-table";
import { FilterBar, FilterField } from "@/components/usage/filter-bar";
import { ApiError } from "@/lib/api/errors";
import { actorOf, requireUser } from "@/lib/auth/session";
import { parseFilters, queryString, windowFieldErrors, type FilterFieldErrors, type SearchParams } from "@/lib/console/filters";
import { listEndpoints } from "@/lib/endpoints/service";
import { listDatasets } from "@/lib/eval/dataset-service";
import { listTeams } from "@/lib/teams/service";
import { parseBack, tracePageLinks } from "@/lib/console/trace-paging";
import { listTraces, type TracePage } from "@/lib/tracing/queries";
import { scoreFilterOptions } from "@/lib/tracing/score-filter";
import { traceFiltersSchema } from "@/lib/tracing/schemas";
import { addTracesToDatasetAction } from "../datasets/actions";

export const metadata: Metadata = { title: "Traces" };

export default async function TracesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const actor = actorOf(user);
  // Datasets and scores are evaluation features: admins only.
  const isAdmin = user.role === "admin";
  const params = await searchParams;
  const parsed = parseFilters(traceFiltersSchema, params);
  const [endpoints, teams, datasets, scoreJudges] = await Promise.all([
    listEndpoints(actor),
    listTeams(actor),
    isAdmin ? listDatasets(actor) : [],
    isAdmin ? scoreFilterOptions(actor) : [],
  ]);
  let page: TracePage | null = null;
  // Errors of the time fields (out of order, too long a window) are shown at the fields, the
  // others above the list.
  let error = parsed.ok || !parsed.errors.length ? null : `Invalid filters: ${parsed.errors.join("; ")}`;
  let fieldErrors: FilterFieldErrors | undefined = parsed.ok ? undefined : parsed.fieldErrors;
  if (parsed.ok) {
    try {
      page = await listTraces(actor, parsed.input);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      fieldErrors = windowFieldErrors(err, parsed.filters) ?? undefined;
      if (!fieldErrors) error = err.message;
    }
  }
  const v = parsed.input;
  const models = [...new Set(page?.data.map((t) => t.model).filter((m): m is string => Boolean(m)) ?? [])].sort();
  const links = tracePageLinks(queryString(v, ["cursor"]), v.cursor, parseBack(params.back), page?.nextCursor ?? null);
  const evaluateParams = new URLSearchParams(queryString(v, ["cursor", "limit"]));
  evaluateParams.set("source", "traces");
  const scoreBase = queryString(v, ["score", "cursor"]);
  const scoreHref = (score: string) => `/traces?${scoreBase ? `${scoreBase}&` : ""}score=${encodeURIComponent(score)}`;

  return (
    <>
      <PageHeader
        title="Traces"
        description="Every gateway request with its payload, attempts, tokens and cost, newest first. Times are UTC."
        actions={
          isAdmin ? (
            <Link href={`/evaluations/new?${evaluateParams}`} className={buttonClass("secondary")}>
              Evaluate these traces
            </Link>
          ) : null
        }
      />
      <div className="space-y-6">
        <FilterBar action="/traces" values={v} errors={fieldErrors} options={{ endpoints: endpoints.map((e) => e.name), teams: teams.map((t) => ({ id: t.id, name: t.name })), models }}>
          <FilterField label="Status" htmlFor="f-status">
            <Select id="f-status" name="status" defaultValue={v.status ?? ""} className="py-1.5">
              <option value="">Any status</option>
              <option value="ok">OK</option>
              <option value="error">Error</option>
            </Select>
          </FilterField>
          <FilterField label="Min latency (ms)" htmlFor="f-min-latency">
            <Input id="f-min-latency" name="minLatencyMs" type="number" min={0} step={1} defaultValue={v.minLatencyMs ?? ""} placeholder="0" className="py-1.5" />
          </FilterField>
          <FilterField label="Search payloads" htmlFor="f-q" span="wide">
            <Input id="f-q" name="q" type="search" defaultValue={v.q ?? ""} placeholder="Text in request, response or error" className="py-1.5" />
          </FilterField>
          {/* Keyed by the URL's value: a click on a verdict badge shows its filter here. */}
          {isAdmin ? <ScoreFilterField key={v.score ?? ""} value={v.score ?? ""} judges={scoreJudges} /> : null}
        </FilterBar>
        {error ? <Alert tone="error">{error}</Alert> : null}
        {v.score ? (
          <Alert tone="info">
            Only traces whose latest evaluation verdict is <code>{v.score}</code>.{" "}
            <Link className="font-medium underline" href={`/traces?${queryString(v, ["score", "cursor"])}`}>
              Clear
            </Link>
          </Alert>
        ) : null}
        {page ? (
          <Card>
            {page.data.length === 0 ? (
              <EmptyState title={v.cursor ? "No more traces" : "No traces match"}>
                {Object.keys(v).length
                  ? "Nothing matches these filters. Widen the time range or clear a filter."
                  : "Every request through the gateway is recorded here (traces appear a moment after the call)."}
              </EmptyState>
            ) : (
              <>
                {isAdmin ? (
                  <div className="border-b border-tremor-border px-5 py-3">
                    <AddToDatasetPanel action={addTracesToDatasetAction} datasets={datasets.map((d) => ({ id: d.id, name: d.name }))} />
                  </div>
                ) : null}
                <TraceTable
                  traces={page.data}
                  leadingHeader={isAdmin ? <SelectAllTraces /> : undefined}
                  leading={isAdmin ? (t) => <TraceCheckbox id={t.id} /> : undefined}
                  columns={isAdmin ? scoreColumns(page.data, scoreHref) : undefined}
                />
              </>
            )}
            {links.next || links.newer ? (
              <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-tremor-border px-5 py-3">
                <span className="text-tremor-label text-tremor-content">{page.data.length} traces on this page</span>
                <div className="flex flex-wrap gap-2">
                  {links.newest ? (
                    <Link href={links.newest} className={buttonClass("ghost", "sm")}>
                      Newest
                    </Link>
                  ) : null}
                  {links.newer ? (
                    <Link href={links.newer} className={buttonClass("secondary", "sm")}>
                      ← Newer
                    </Link>
                  ) : null}
                  {links.next ? (
                    <Link href={links.next} className={buttonClass("secondary", "sm")}>
                      Next page →
                    </Link>
                  ) : null}
                </div>
              </nav>
            ) : null}
          </Card>
        ) : null}
      </div>
    </>
  );
}
