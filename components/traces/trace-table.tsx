// The trace explorer's table. Each row is its own component with an optional leading cell, so a
// selection column (e.g. "add selected traces to a dataset") can be added without touching it, and
// optional trailing columns (e.g. one per evaluation judge). Dense so that a page with a judge
// column or two fits a 1280px screen without scrolling sideways: the time on two lines, long names
// cut (the full text in the tooltip), the caller under the status, small verdict badges.

import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/badge";
import { providerName } from "@/components/provider-names";
import { Table, TBody, TD, TH, THead } from "@/components/table";
import { formatDate } from "@/components/format";
import type { TraceListItem } from "@/lib/tracing/queries";
import { formatCount, formatMs, formatUsd } from "@/lib/usage/display";

const timeOfDay = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/** A text cell that takes its share of the table's spare width (`width`, a percentage) and cuts its
 * text to fit (the whole of it in the tooltip), never narrower than `min`: with no judge columns the
 * names show in full, with a few they are cut instead of pushing the table past the screen. The
 * cell's max-width of 0 takes the text's length out of the table's column sizing. */
function cutCell(width: string, min: string): string {
  return `max-w-0 ${width} ${min}`;
}

function Cut({ text, fallback = "—" }: { text: string | null | undefined; fallback?: string }) {
  return (
    <span className="block truncate" title={text ?? undefined}>
      {text ?? fallback}
    </span>
  );
}

export function TraceStatus({ status, httpStatus }: { status: TraceListItem["status"]; httpStatus: number }) {
  return <Badge tone={status === "ok" ? "green" : "red"}>{status === "ok" ? `OK ${httpStatus}` : `Error ${httpStatus}`}</Badge>;
}

/** An extra column after the standard ones. */
export interface TraceColumn {
  key: string;
  header: ReactNode;
  cell: (trace: TraceListItem) => ReactNode;
}

const ENDPOINT_CELL = cutCell("w-[16%]", "min-w-[6rem]");
const TEAM_CELL = cutCell("w-[14%]", "min-w-[5rem]");
const MODEL_CELL = cutCell("w-[20%]", "min-w-[7rem]");

/** The extra columns' content (verdict badges) a size smaller than the status badge. */
const COMPACT_BADGES = "[&_span]:px-1 [&_span]:py-0 [&_span]:text-[11px] [&_span]:leading-4";

export function TraceRow({ trace: t, leading, columns = [] }: { trace: TraceListItem; leading?: ReactNode; columns?: TraceColumn[] }) {
  const href = `/traces/${encodeURIComponent(t.id)}`;
  return (
    <tr className="align-middle hover:bg-tremor-background-muted/60" data-trace-id={t.id}>
      {leading !== undefined ? <TD className="w-8 !pr-0">{leading}</TD> : null}
      <TD className="whitespace-nowrap">
        <Link href={href} className="font-medium tabular-nums text-tremor-brand hover:underline" title={`Trace ${t.id}`}>
          {timeOfDay.format(new Date(t.startedAt))}
        </Link>
        <span className="block text-[11px] leading-4 text-tremor-content-subtle">{formatDate(t.startedAt)}</span>
      </TD>
      <TD className={ENDPOINT_CELL}>
        <Cut text={t.endpoint} />
      </TD>
      <TD className={`text-tremor-content ${TEAM_CELL}`}>
        <Cut text={t.teamName} fallback={t.teamId ? "deleted team" : "—"} />
      </TD>
      <TD className={MODEL_CELL}>
        <Cut text={t.model} />
        {t.provider ? <span className="block truncate text-tremor-label text-tremor-content">{providerName(t.provider)}</span> : null}
      </TD>
      <TD className="whitespace-nowrap">
        <TraceStatus status={t.status} httpStatus={t.httpStatus} />
        {t.caller ? (
          <span className="mt-0.5 block">
            <Badge tone="brand">{t.caller}</Badge>
          </span>
        ) : null}
      </TD>
      <TD className="whitespace-nowrap text-right tabular-nums">{formatMs(t.latencyMs)}</TD>
      <TD className="whitespace-nowrap text-right tabular-nums">{t.totalTokens === null ? "—" : formatCount(t.totalTokens)}</TD>
      <TD className={`whitespace-nowrap text-right tabular-nums ${t.costUsd === null ? "italic text-tremor-content" : ""}`}>{formatUsd(t.costUsd)}</TD>
      {columns.map((c) => (
        <TD key={c.key} className={`whitespace-nowrap ${COMPACT_BADGES}`}>
          {c.cell(t)}
        </TD>
      ))}
    </tr>
  );
}

export function TraceTable({
  traces,
  leadingHeader,
  leading,
  columns = [],
}: {
  traces: TraceListItem[];
  /** Header of an optional first column (e.g. a "select all" checkbox). */
  leadingHeader?: ReactNode;
  /** Cell of that column per trace. */
  leading?: (trace: TraceListItem) => ReactNode;
  /** Columns after the standard ones (e.g. one per evaluation judge). */
  columns?: TraceColumn[];
}) {
  return (
    <Table className="[&_td]:px-1.5 [&_td]:py-2 [&_th]:px-1.5 [&_td:first-child]:pl-3 [&_th:first-child]:pl-3 [&_td:last-child]:pr-3 [&_th:last-child]:pr-3">
      <THead>
        {leading ? <TH className="w-8 !pr-0">{leadingHeader}</TH> : null}
        <TH>Time (UTC)</TH>
        <TH>Endpoint</TH>
        <TH>Team</TH>
        <TH>Model</TH>
        <TH>Status</TH>
        <TH className="text-right">Latency</TH>
        <TH className="text-right">Tokens</TH>
        <TH className="text-right">Cost</TH>
        {columns.map((c) => (
          <TH key={c.key}>
            <span className="block max-w-[5rem] truncate min-[1400px]:max-w-[7rem]">{c.header}</span>
          </TH>
        ))}
      </THead>
      <TBody>
        {traces.map((t) => (
          <TraceRow key={t.id} trace={t} leading={leading ? leading(t) : undefined} columns={columns} />
        ))}
      </TBody>
    </Table>
  );
}
