import type { Metadata } from "next";
import { Alert } from "@/components/alert";
import { Card, CardBody, CardHeader } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { EmptyState } from "@/components/empty-state";
import { buttonClass } from "@/components/button";
import { PageHeader } from "@/components/page-header";
import { providerName } from "@/components/provider-names";
import { FilterBar } from "@/components/usage/filter-bar";
import { GettingStarted } from "@/components/usage/getting-started";
import { KpiCards } from "@/components/usage/kpi-cards";
import { ProviderDonut } from "@/components/usage/provider-donut";
import { RankedList } from "@/components/usage/ranked-list";
import { TimeSeriesCharts } from "@/components/usage/time-series-charts";
import { actorOf, requireUser } from "@/lib/auth/session";
import { gatewayBaseUrl } from "@/lib/console/gateway-url";
import { parseFilters, windowFieldErrors, type FilterFieldErrors, type SearchParams } from "@/lib/console/filters";
import { listEndpoints } from "@/lib/endpoints/service";
import { listSecrets } from "@/lib/secrets/service";
import { listTeams } from "@/lib/teams/service";
import { usageFiltersSchema } from "@/lib/tracing/schemas";
import { breakdownHref, chartRows, clearFiltersHref, dashboardLinkBase, noLinkReason } from "@/lib/usage/display";
import { getUsageDashboard } from "@/lib/usage/queries";

export const metadata: Metadata = { title: "Dashboard" };

/** The dashboard's range when the URL names none (lib/usage/time-range's default). */
const DEFAULT_RANGE = "24h";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const actor = actorOf(user);
  const isAdmin = user.role === "admin";
  const parsed = parseFilters(usageFiltersSchema, await searchParams);
  // Errors of the time fields (out of order, too long a window) are shown at the fields.
  let fieldErrors: FilterFieldErrors | undefined = parsed.ok ? undefined : parsed.fieldErrors;
  const loadUsage = async () => {
    if (!parsed.ok) return null;
    try {
      return await getUsageDashboard(actor, parsed.input);
    } catch (err) {
      fieldErrors = windowFieldErrors(err, parsed.filters) ?? undefined;
      if (!fieldErrors) throw err;
      return null;
    }
  };
  const [endpoints, teams, secrets, baseUrl, usage] = await Promise.all([
    listEndpoints(actor),
    listTeams(actor),
    isAdmin ? listSecrets(actor) : Promise.resolve(null),
    gatewayBaseUrl(),
    loadUsage(),
  ]);
  const base = dashboardLinkBase(parsed.input, DEFAULT_RANGE);
  const filtered = Object.keys(parsed.input).some((k) => k !== "range");
  const noTraffic = !usage || usage.totals.requests === 0;
  const models = [...new Set(usage?.costByModel.map((m) => m.model) ?? [])].sort();

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Requests, errors, latency, tokens and cost through the gateway. Times are UTC."
        actions={
          noTraffic ? null : (
            <div className="flex items-center gap-2 text-tremor-label text-tremor-content">
              <code className="hidden rounded-tremor-small bg-tremor-background-subtle px-2 py-1 text-tremor-content-emphasis md:inline">{baseUrl}</code>
              <CopyButton value={baseUrl} label="Copy gateway URL" />
            </div>
          )
        }
      />
      <div className="space-y-6">
        <FilterBar
          action="/"
          values={parsed.input}
          defaultRange={DEFAULT_RANGE}
          errors={fieldErrors}
          options={{ endpoints: endpoints.map((e) => e.name), teams: teams.map((t) => ({ id: t.id, name: t.name })), models }}
        />
        {!parsed.ok && parsed.errors.length ? <Alert tone="error">Invalid filters: {parsed.errors.join("; ")}</Alert> : null}
        {usage && usage.totals.requests === 0 && filtered ? (
          // Charts of nothing draw no axes (and Recharts logs NaN attributes): say so instead.
          <Card>
            <EmptyState
              title="No requests match these filters"
              action={
                <a href={clearFiltersHref(parsed.input)} className={buttonClass("secondary")}>
                  Clear filters
                </a>
              }
            >
              No request through the gateway in the selected time range matches them. Widen the time range or clear the filters.
            </EmptyState>
          </Card>
        ) : null}
        {usage && usage.totals.requests > 0 ? (
          <>
            <KpiCards totals={usage.totals} />
            <TimeSeriesCharts rows={chartRows(usage.points, usage.range.bucketSeconds)} base={base} unknownCostRequests={usage.totals.unknownCostRequests} />
            <div className="grid gap-4 lg:grid-cols-2">
              <Card>
                <CardHeader title="Cost by model" description="Click a model to see its traces." />
                <CardBody>
                  <RankedList
                    id="cost-by-model"
                    empty="No requests in this range."
                    rows={usage.costByModel.map((m) => {
                      const slice = { model: m.model, provider: m.provider };
                      return {
                        key: `${m.provider}/${m.model}`,
                        label: m.model || "(no model)",
                        sublabel: m.provider ? providerName(m.provider) : undefined,
                        href: breakdownHref(base, slice),
                        title: noLinkReason(slice),
                        ...m,
                      };
                    })}
                  />
                </CardBody>
              </Card>
              <Card>
                <CardHeader title="Cost by provider" />
                <CardBody>
                  <ProviderDonut rows={usage.costByProvider} base={base} />
                </CardBody>
              </Card>
              <Card>
                <CardHeader title="Top endpoints by cost" />
                <CardBody>
                  <RankedList
                    id="top-endpoints"
                    empty="No requests in this range."
                    rows={usage.topEndpoints.map((e) => ({
                      key: e.endpoint,
                      label: e.endpoint || "(no endpoint)",
                      href: breakdownHref(base, { endpoint: e.endpoint }),
                      title: noLinkReason({ endpoint: e.endpoint }),
                      ...e,
                    }))}
                  />
                </CardBody>
              </Card>
              <Card>
                <CardHeader title="Top teams by cost" />
                <CardBody>
                  <RankedList
                    id="top-teams"
                    empty="No requests in this range."
                    rows={usage.topTeams.map((t) => ({
                      key: t.teamId ?? "",
                      label: t.teamName ?? (t.teamId ? `deleted team ${t.teamId}` : "(no team)"),
                      href: breakdownHref(base, { team: t.teamId }),
                      title: noLinkReason({ team: t.teamId }),
                      ...t,
                    }))}
                  />
                </CardBody>
              </Card>
            </div>
          </>
        ) : null}
        {noTraffic && !filtered ? (
          <GettingStarted
            baseUrl={baseUrl}
            endpointName={endpoints.find((e) => e.kind === "chat")?.name ?? null}
            counts={secrets ? { secrets: secrets.length, endpoints: endpoints.length, teams: teams.length } : null}
            noTeam={!isAdmin && teams.length === 0}
          />
        ) : null}
      </div>
    </>
  );
}
