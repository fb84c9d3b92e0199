// Dataset CSV import through the real route (`POST /api/v1/datasets/{id}/import`, format "csv"):
// header mapping (plain and dotted columns, JSON cells), RFC 4180 quoting (commas, doubled quotes,
// newlines inside quoted fields, CRLF, BOM), invalid rows reported with the line they start on,
// header problems, and all rows or none.

import { describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/v1/datasets/[id]/import/route";
import { addDatasetItems, createDataset, listDatasetItems } from "@/lib/eval/dataset-service";
import { call, useAdminApi } from "../helpers/api";
import { TEST_DATABASES } from "../helpers/db";
import { ADMIN } from "./helpers";

describe.each(TEST_DATABASES)("dataset CSV import (%s)", (kind) => {
  const api = useAdminApi(kind);
  let n = 0;
  const newDataset = async () => (await createDataset(ADMIN, { name: `csv-${++n}` })).id;
  const importCsv = (id: string, content: string) =>
    call(importRoute.POST, "POST", `/api/v1/datasets/${id}/import`, { token: api.token, params: { id }, body: { format: "csv", content } });
  const items = async (id: string) =>
    (await listDatasetItems(ADMIN, id, { limit: 1000 })).data.map(({ inputs, outputs, expectations, sourceTraceId }) => ({ inputs, outputs, expectations, sourceTraceId }));
  const count = (datasetId: string) => api.db.datasetItem.count({ where: { datasetId } });

  it("maps plain and dotted columns; JSON cells are parsed, other cells are text, empty cells are left out", async () => {
    const id = await newDataset();
    const csv = [
      " inputs.question , inputs.context,outputs,expectations.expected_response,expectations.expected_facts,sourceTraceId",
      'What is 2+2?,maths,4,4,"[""four"",""even""]",tr_1',
      'Capital of France?,,Paris,,,',
      // A JSON object cell builds the whole value; a quoted JSON string is parsed to the string.
      '"{""nested"": {""a"": 1}}",,"""quoted text""",,,',
    ].join("\n");
    const res = await importCsv(id, csv);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ imported: 3 });
    expect(await items(id)).toEqual([
      {
        inputs: { question: "What is 2+2?", context: "maths" },
        outputs: "4",
        expectations: { expected_response: "4", expected_facts: ["four", "even"] },
        sourceTraceId: "tr_1",
      },
      { inputs: { question: "Capital of France?" }, outputs: "Paris", expectations: null, sourceTraceId: null },
      { inputs: { question: { nested: { a: 1 } } }, outputs: "quoted text", expectations: null, sourceTraceId: null },
    ]);

    const plain = await newDataset();
    const whole = await importCsv(plain, 'inputs,outputs,expectations\n"{""messages"":[{""role"":""user"",""content"":""hi""}]}",hello,"{""expected_response"":""hello""}"\nplain text,,\n');
    expect(whole.json).toEqual({ imported: 2 });
    expect(await items(plain)).toEqual([
      { inputs: { messages: [{ role: "user", content: "hi" }] }, outputs: "hello", expectations: { expected_response: "hello" }, sourceTraceId: null },
      { inputs: "plain text", outputs: null, expectations: null, sourceTraceId: null },
    ]);
  });

  it("quoted fields hold commas, doubled quotes and newlines; CRLF, a BOM and blank lines are fine", async () => {
    const id = await newDataset();
    const csv =
      "\uFEFFinputs.question,outputs\r\n" +
      '"Hello, world","She said ""hi"", then left"\r\n' +
      '"line one\r\nline two\nline three","a,b,""c"""\r\n' +
      "\r\n" +
      'last,"ends without a newline"';
    const res = await importCsv(id, csv);
    expect(res.json).toEqual({ imported: 3 });
    expect((await items(id)).map((i) => [i.inputs, i.outputs])).toEqual([
      [{ question: "Hello, world" }, 'She said "hi", then left'],
      [{ question: "line one\r\nline two\nline three" }, 'a,b,"c"'],
      [{ question: "last" }, "ends without a newline"],
    ]);
  });

  it("reports each invalid row with the line it starts on, and imports nothing", async () => {
    const id = await newDataset();
    const csv = [
      "inputs.question,outputs,expectations", // line 1
      "ok one,a,", // line 2
      '"spans\nthree\nlines",b,', // lines 3-5
      'bad expectations,c,"just text, not an object"', // line 6
      "too,many,fields,here", // line 7
      '"also spans\ntwo lines",d,"{""expected_response"": 5}"', // lines 8-9: a number is fine (any JSON)
      ",e,", // line 10: no inputs
    ].join("\n");
    const res = await importCsv(id, csv);
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ type: "invalid_request_error", code: "invalid_rows", param: "content" });
    const message: string = res.json.error.message;
    expect(message).toMatch(/^3 invalid row\(s\), nothing imported: /);
    expect(message).toContain("line 6: expectations: ");
    expect(message).toContain("line 7: expected 3 fields, found 4");
    expect(message).toContain("line 10: inputs: ");
    expect(message).not.toMatch(/line [2-589]\b/);
    expect(await count(id)).toBe(0);

    // The same rows without the bad ones import in full.
    const fixed = csv.split("\n").filter((_, i) => ![5, 6, 9].includes(i)).join("\n");
    expect((await importCsv(id, fixed)).json).toEqual({ imported: 3 });
    expect(await count(id)).toBe(3);
  });

  it("lists at most 20 row errors and counts the rest", async () => {
    const id = await newDataset();
    const rows = Array.from({ length: 25 }, (_, i) => `q${i},"not an object"`);
    const res = await importCsv(id, ["inputs,expectations", "good,", ...rows].join("\n"));
    expect(res.status).toBe(422);
    const message: string = res.json.error.message;
    expect(message).toMatch(/^25 invalid row\(s\), nothing imported: line 3: /);
    expect(message).toContain("line 22: ");
    expect(message).not.toContain("line 23: ");
    expect(message).toMatch(/; … and 5 more$/);
    expect(await count(id)).toBe(0);
  });

  it("rejects bad headers, empty files and unclosed quotes before looking at rows", async () => {
    const id = await newDataset();
    const errorOf = async (content: string) => {
      const res = await importCsv(id, content);
      expect(res.status).toBe(422);
      return res.json.error.message as string;
    };
    expect(await errorOf("question,outputs\nq,a")).toMatch(/line 1: unknown column 'question'.*line 1: an inputs column is required/);
    expect(await errorOf("inputs,outputs,outputs\nq,a,b")).toContain("line 1: duplicate column 'outputs'");
    expect(await errorOf("inputs.,outputs\nq,a")).toContain("unknown column 'inputs.'");
    expect(await errorOf("outputs,expectations.expected_response\na,b")).toContain("an inputs column is required");
    expect(await errorOf("inputs,outputs\n")).toContain("line 1: the file has no rows");
    expect(await errorOf("\n\n")).toContain("line 1: the file is empty: expected a header row");
    expect(await errorOf('inputs,outputs\nfine,ok\n"never closed,x\nmore')).toContain("line 3: a quoted field is not closed");
    // A column and a path into it would both set one value.
    expect(await errorOf("inputs,inputs.question\nq,r")).toContain("line 1: column 'inputs.question' conflicts with column 'inputs'");
    expect(await errorOf("inputs.a,inputs.a.b\nq,r")).toContain("column 'inputs.a.b' conflicts with column 'inputs.a'");
    expect(await count(id)).toBe(0);
  });

  it("imports many rows in one transaction; text the database cannot store is an invalid row, not a failed import", async () => {
    // 600 rows: more than one insert batch (500).
    const id = await newDataset();
    const rows = Array.from({ length: 600 }, (_, i) => `row ${i},out ${i}`);
    expect((await importCsv(id, ["inputs.question,outputs", ...rows].join("\n"))).json).toEqual({ imported: 600 });
    expect(await count(id)).toBe(600);
    const listed = await listDatasetItems(ADMIN, id, { limit: 1000 });
    expect(listed.data.map((i) => i.outputs)).toEqual(rows.map((_, i) => `out ${i}`));

    // PostgreSQL's jsonb cannot hold U+0000: such a row (raw or as a JSON escape) is reported with
    // its line on both databases, before anything is written (it was a 500 on PostgreSQL).
    const other = await newDataset();
    const withNul = ["inputs.question,outputs,expectations", ...rows.map((r) => `${r},`)];
    withNul[551] = "row 550,out \u0000 550,";
    withNul[552] = 'row 551,ok,"{""context"": ""a\\u0000b""}"';
    const res = await importCsv(other, withNul.join("\n"));
    expect(res.status).toBe(422);
    expect(res.json.error.message).toBe(
      "2 invalid row(s), nothing imported: line 552: outputs: must not contain the NUL character (\\u0000); " +
        "line 553: expectations.context: must not contain the NUL character (\\u0000)",
    );
    expect(await count(other)).toBe(0);
    // The same check for JSONL files and items added through the API.
    const jsonl = await call(importRoute.POST, "POST", "/x", {
      token: api.token,
      params: { id: other },
      body: { format: "jsonl", content: '{"inputs":"fine"}\n{"inputs":{"q":["a","b\\u0000"]}}\n' },
    });
    expect(jsonl.json.error.message).toBe("1 invalid row(s), nothing imported: line 2: inputs.q.1: must not contain the NUL character (\\u0000)");
    await expect(addDatasetItems(ADMIN, other, { items: [{ inputs: "q", outputs: { "k\u0000": 1 } }] })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["items", 0, "outputs", "k\u0000"] })],
    });
    expect(await count(other)).toBe(0);
  });
});
