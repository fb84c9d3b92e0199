"use client";

// Import JSONL or CSV: pick a file (read in the browser into the text box) or paste. All rows are
// imported, or none when any row is invalid (the error lists the lines).

import { useRef, useState } from "react";
import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { Select, Textarea } from "@/components/input";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "@/lib/console/form-state";

export function ImportForm({ action }: { action: FormAction }) {
  const [format, setFormat] = useState<"jsonl" | "csv">("jsonl");
  const [content, setContent] = useState("");
  const fileRef = useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (/\.csv$/i.test(file.name)) setFormat("csv");
    else if (/\.(jsonl|ndjson|json)$/i.test(file.name)) setFormat("jsonl");
    setContent(await file.text());
  };
  return (
    <ActionForm action={action} className="space-y-4">
      <FormMessage />
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <Field label="Format" name="format">
          <Select id="format" name="format" value={format} onChange={(e) => setFormat(e.target.value as "jsonl" | "csv")}>
            <option value="jsonl">JSONL</option>
            <option value="csv">CSV</option>
          </Select>
        </Field>
        <Field label="File" name="file" htmlFor="import-file" hint="Or paste the rows below.">
          <input
            ref={fileRef}
            id="import-file"
            type="file"
            accept=".jsonl,.ndjson,.json,.csv,text/csv,application/x-ndjson"
            className="block w-full text-tremor-default text-tremor-content file:mr-3 file:rounded-tremor-default file:border file:border-tremor-border file:bg-white file:px-3 file:py-1.5 file:text-tremor-default file:font-medium file:text-tremor-content-strong hover:file:bg-tremor-background-muted"
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </Field>
      </div>
      <Field
        label="Rows"
        name="content"
        hint={
          format === "jsonl" ? (
            <>
              One object per line: <code>{'{"inputs": …, "outputs": …, "expectations": {…}}'}</code>
            </>
          ) : (
            <>
              A header row with <code>inputs</code>, <code>outputs</code>, <code>expectations</code> or dotted columns such as{" "}
              <code>expectations.expected_response</code>.
            </>
          )
        }
      >
        <Textarea
          id="content"
          name="content"
          rows={6}
          className="font-mono text-tremor-label"
          value={content}
          onChange={(e) => setContent(e.target.value)}
          placeholder={format === "jsonl" ? '{"inputs": {"question": "2+2?"}, "expectations": {"expected_response": "4"}}' : "inputs.question,expectations.expected_response\n2+2?,4"}
        />
      </Field>
      <SubmitButton size="sm" pendingLabel="Importing…">
        Import rows
      </SubmitButton>
    </ActionForm>
  );
}
