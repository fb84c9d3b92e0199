// The trace explorer's table. Each row is its own component with an optional leading cell, so a
// selection column (e.g. "add selected traces to a dataset") can be added without touching it, and
// optional trailing columns (e.g. one per evaluation judge).

import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/badge";
import { formatTimestamp } from "@/components/format";
import { providerName } from "@/components/provider-names";
import { Table, TBody, TD, TH, THead } from "@/components/table";
import type { TraceListItem } from "@/lib/tracing/queries";
import { formatCount, formatMs, formatUsd } from "@/lib/usage/display";

export function TraceStatus({ status, httpStatus }: { status: TraceListItem["status"]; httpStatus: number }) {
  return <Badge tone={status === "ok" ? "green" : "red"}>{status === "ok" ? `OK ${httpStatus}` : `Error ${httpStatus}`}</Badge>;
}

/** An extra column after the standard ones. */
export interface TraceColumn {
  key: string;
  header: ReactNode;
  cell: (trace: TraceListItem) => ReactNode;
}

export function TraceRow({ trace: t, leading, columns = [] }: { trace: TraceListItem; leading?: ReactNode; columns?: TraceColumn[] }) {
  const href = `/traces/${encodeURIComponent(t.id)}`;
  return (
    <tr className="align-middle hover:bg-tremor-background-muted/60" data-trace-id={t.id}>
      {leading !== undefined ? <TD className="w-8 pr-0">{leading}</TD> : null}
      <TD className="whitespace-nowrap">
        <Link href={href} className="font-medium text-tremor-brand hover:underline" title={t.id}>
          {formatTimestamp(t.startedAt)}
        </Link>
        <span className="block font-mono text-[11px] text-tremor-content-subtle">{t.id.slice(0, 18)}</span>
      </TD>
      <TD>
        <span className="block max-w-[9rem] truncate" title={t.endpoint}>
          {t.endpoint}
        </span>
      </TD>
      <TD className="text-tremor-content">
        <span className="block max-w-[8rem] truncate" title={t.teamName ?? undefined}>
          {t.teamName ?? (t.teamId ? "deleted team" : "—")}
        </span>
      </TD>
      <TD>
        <span className="block max-w-[11rem] truncate" title={t.model ?? undefined}>
          {t.model ?? "—"}
        </span>
        {t.provider ? <span className="block text-tremor-label text-tremor-content">{providerName(t.provider)}</span> : null}
      </TD>
      <TD className="whitespace-nowrap">
        <TraceStatus status={t.status} httpStatus={t.httpStatus} />
        {t.caller ? <span className="ml-1.5"><Badge tone="brand">{t.caller}</Badge></span> : null}
      </TD>
      <TD className="whitespace-nowrap text-right tabular-nums">{formatMs(t.latencyMs)}</TD>
      <TD className="whitespace-nowrap text-right tabular-nums">{t.totalTokens === null ? "—" : formatCount(t.totalTokens)}</TD>
      <TD className={`whitespace-nowrap text-right tabular-nums ${t.costUsd === null ? "italic text-tremor-content" : ""}`}>{formatUsd(t.costUsd)}</TD>
      {columns.map((c) => (
        <TD key={c.key} className="whitespace-nowrap">
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
    <Table className="[&_td]:px-3 [&_th]:px-3">
      <THead>
        {leading ? <TH className="w-8 pr-0">{leadingHeader}</TH> : null}
        <TH>Time (UTC)</TH>
        <TH>Endpoint</TH>
        <TH>Team</TH>
        <TH>Model</TH>
        <TH>Status</TH>
        <TH className="text-right">Latency</TH>
        <TH className="text-right">Tokens</TH>
        <TH className="text-right">Cost</TH>
        {columns.map((c) => (
          <TH key={c.key}>{c.header}</TH>
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
