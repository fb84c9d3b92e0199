// Dataset files: JSONL and CSV import (every row validated, errors reported with their line
// numbers, so the caller can import all rows or none) and JSONL export.
//
// JSONL: one object per line: {"inputs": ..., "outputs": ..., "expectations": {...}, "sourceTraceId": ...}.
// CSV: a header row; columns `inputs`, `outputs`, `expectations`, `sourceTraceId`, or dotted columns
// that build objects (`inputs.question`, `expectations.expected_response`; not together with the
// column they go into, e.g. `inputs` and `inputs.question`). A cell holding JSON
// (an object, array or quoted string) is parsed; any other non-empty cell is text.

import { z } from "zod";
import { datasetItemInputSchema } from "./schemas";

export type ParsedItem = z.output<typeof datasetItemInputSchema>;

export interface RowError {
  /** 1-based line of the file where the row starts. */
  line: number;
  message: string;
}

export interface ParsedFile {
  items: ParsedItem[];
  errors: RowError[];
}

export const MAX_IMPORT_ROWS = 10_000;

function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

function tooMany(rows: number): RowError {
  return { line: 1, message: `the file has ${rows} rows; at most ${MAX_IMPORT_ROWS} can be imported at once` };
}

export function parseJsonl(content: string): ParsedFile {
  const items: ParsedItem[] = [];
  const errors: RowError[] = [];
  const lines = content.split(/\r?\n/);
  let rows = 0;
  lines.forEach((text, index) => {
    if (!text.trim()) return;
    rows++;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      errors.push({ line, message: `not valid JSON (${(err as Error).message})` });
      return;
    }
    const parsed = datasetItemInputSchema.safeParse(value);
    if (parsed.success) items.push(parsed.data);
    else errors.push({ line, message: issuesText(parsed.error) });
  });
  if (rows > MAX_IMPORT_ROWS) return { items: [], errors: [tooMany(rows)] };
  if (rows === 0) errors.push({ line: 1, message: "the file has no rows" });
  return { items, errors };
}

interface CsvRecord {
  line: number;
  cells: string[];
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsvRecords(content: string): CsvRecord[] | RowError {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
  };
  for (; i < content.length; i++) {
    const ch = content[i];
    if (quoted) {
      if (ch === '"') {
        if (content[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === "") {
      quoted = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && content[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) return { line: recordLine, message: "a quoted field is not closed" };
  if (cell !== "" || cells.length > 0) endRecord();
  return records;
}

const CSV_ROOTS = ["inputs", "outputs", "expectations"] as const;

function cellValue(text: string): unknown {
  const t = text.trim();
  if (t === "") return undefined;
  if (t.startsWith("{") || t.startsWith("[") || t.startsWith('"')) {
    try {
      return JSON.parse(t);
    } catch {
      return text;
    }
  }
  return text;
}

export function parseCsv(content: string): ParsedFile {
  const records = parseCsvRecords(content);
  if (!Array.isArray(records)) return { items: [], errors: [records] };
  const [header, ...rows] = records;
  if (!header) return { items: [], errors: [{ line: 1, message: "the file is empty: expected a header row" }] };
  if (rows.length > MAX_IMPORT_ROWS) return { items: [], errors: [tooMany(rows.length)] };
  const columns = header.cells.map((c) => c.trim());
  const headerErrors: RowError[] = [];
  columns.forEach((c, i) => {
    const [root, ...rest] = c.split(".");
    const known = c === "sourceTraceId" || ((CSV_ROOTS as readonly string[]).includes(root) && rest.every(Boolean));
    if (!known) headerErrors.push({ line: header.line, message: `unknown column '${c}' (use inputs, outputs, expectations, sourceTraceId or e.g. expectations.expected_response)` });
    if (columns.indexOf(c) !== i) headerErrors.push({ line: header.line, message: `duplicate column '${c}'` });
    // `inputs` and `inputs.question` (or `inputs.a` and `inputs.a.b`) would both set one value.
    const parent = columns.find((p) => c.startsWith(`${p}.`));
    if (known && parent !== undefined) headerErrors.push({ line: header.line, message: `column '${c}' conflicts with column '${parent}' (use one or the other)` });
  });
  if (!columns.some((c) => c === "inputs" || c.startsWith("inputs."))) {
    headerErrors.push({ line: header.line, message: "an inputs column is required (inputs or inputs.<key>)" });
  }
  if (headerErrors.length) return { items: [], errors: headerErrors };
  if (rows.length === 0) return { items: [], errors: [{ line: header.line, message: "the file has no rows" }] };

  const items: ParsedItem[] = [];
  const errors: RowError[] = [];
  for (const row of rows) {
    if (row.cells.length !== columns.length) {
      errors.push({ line: row.line, message: `expected ${columns.length} fields, found ${row.cells.length}` });
      continue;
    }
    const item: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const value = cellValue(row.cells[i]);
      if (value === undefined) return;
      if (column === "sourceTraceId") {
        item.sourceTraceId = row.cells[i].trim();
        return;
      }
      const [root, ...path] = column.split(".");
      if (path.length === 0) {
        item[root] = value;
        return;
      }
      let target = (item[root] ??= {}) as Record<string, unknown>;
      for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
      target[path[path.length - 1]] = value;
    });
    const parsed = datasetItemInputSchema.safeParse(item);
    if (parsed.success) items.push(parsed.data);
    else errors.push({ line: row.line, message: issuesText(parsed.error) });
  }
  return { items, errors };
}

export function parseDatasetFile(format: "jsonl" | "csv", content: string): ParsedFile {
  return format === "jsonl" ? parseJsonl(content) : parseCsv(content);
}

export interface ExportableItem {
  inputs: unknown;
  outputs: unknown;
  expectations: unknown;
  sourceTraceId: string | null;
}

/** One JSON object per line, in the import format (null fields left out). */
export function toJsonl(items: ExportableItem[]): string {
  return items
    .map((item) => {
      const row: Record<string, unknown> = { inputs: item.inputs };
      if (item.outputs !== null && item.outputs !== undefined) row.outputs = item.outputs;
      if (item.expectations !== null && item.expectations !== undefined) row.expectations = item.expectations;
      if (item.sourceTraceId) row.sourceTraceId = item.sourceTraceId;
      return `${JSON.stringify(row)}\n`;
    })
    .join("");
}
