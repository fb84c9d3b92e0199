// The tokens table fits a 1280px-wide window once tokens have been used: compact dates (UTC, the
// year only when it is not the current one; the full date in a tooltip), long names and endpoint
// lists cut with an ellipsis (whole text in the tooltip and the cell), a button column that never
// wraps, and a long "inactive" status that wraps instead of widening the table.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatCompactDate, formatCompactDateTime } from "@/components/compact-date";
import { TokensTable, type TokenRow } from "@/components/tokens-table";
import { IDLE } from "@/lib/console/form-state";

const NOW = new Date("2026-03-20T12:00:00Z");

describe("compact dates", () => {
  it("drop the year in the current (UTC) year, keep it otherwise", () => {
    expect(formatCompactDate(new Date("2026-03-14T09:05:00Z"), NOW)).toBe("14 Mar");
    expect(formatCompactDate(new Date("2025-12-31T23:59:00Z"), NOW)).toBe("31 Dec 2025");
    expect(formatCompactDate(new Date("2999-12-31T00:00:00Z"), NOW)).toBe("31 Dec 2999");
  });

  it("show the time of day (24h, UTC) only in the current year", () => {
    expect(formatCompactDateTime(new Date("2026-03-14T09:05:00Z"), NOW)).toBe("14 Mar, 09:05");
    expect(formatCompactDateTime(new Date("2026-01-01T00:05:00Z"), NOW)).toBe("1 Jan, 00:05");
    expect(formatCompactDateTime(new Date("2025-06-02T18:30:00Z"), NOW)).toBe("2 Jun 2025");
  });
});

function token(overrides: Partial<TokenRow>): TokenRow {
  return {
    id: "t1",
    name: "ci",
    prefix: "gth_abcdefgh",
    createdAt: new Date("2026-02-01T10:00:00Z"),
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
    ...overrides,
  } as TokenRow;
}

function render(tokens: TokenRow[], showEndpoints = true): string {
  return renderToStaticMarkup(
    createElement(TokensTable<TokenRow>, {
      tokens,
      showEndpoints,
      empty: "none",
      revokeAction: () => async () => IDLE,
      revokeConfirm: (name: string) => `Revoke ${name}?`,
      editor: () => createElement("p", null, "editor"),
    }),
  );
}

/** The <td>s of the first body row, as HTML. */
function cells(html: string): string[] {
  const body = html.slice(html.indexOf("<tbody"));
  return [...body.matchAll(/<td[^>]*>.*?<\/td>/g)].map((m) => m[0]);
}

describe("tokens table", () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
  });
  afterAll(() => vi.useRealTimers());

  it("a used team token: compact dates with the full ones as tooltips, name and endpoints cut with an ellipsis", () => {
    const name = "claude-only-for-the-staging-environment";
    const html = render([
      token({
        name,
        endpoints: ["claude-chat", "claude-haiku-fast"],
        lastUsedAt: new Date("2026-03-14T09:05:00Z"),
        expiresAt: new Date("2999-12-31T00:00:00Z"),
      }),
    ]);
    const [nameCell, prefix, endpoints, created, lastUsed, expires, status, actions] = cells(html);
    expect(nameCell).toContain(`<span class="block truncate" title="${name}">${name}</span>`);
    // Shrinks below its text (max-w-0), never below 6rem.
    expect(nameCell).toMatch(/^<td class="[^"]*\bmin-w-24 max-w-0\b/);
    expect(prefix).toContain("gth_abcdefgh…");
    expect(endpoints).toContain('title="claude-chat, claude-haiku-fast">claude-chat, claude-haiku-fast</span>');
    expect(created).toContain('<span title="1 Feb 2026">1 Feb</span>');
    expect(lastUsed).toContain('<span title="14 Mar 2026, 09:05 UTC">14 Mar, 09:05</span>');
    expect(expires).toContain('<span title="31 Dec 2999">31 Dec 2999</span>');
    expect(status).toContain("Active");
    // Edit and Revoke side by side in a column as narrow as they are, which never wraps.
    expect(actions).toMatch(/^<td class="[^"]*\bw-px\b/);
    expect(actions).toContain('<div class="flex flex-nowrap');
    expect(actions).toMatch(/Edit<span class="sr-only"> token claude-only-for-the-staging-environment<\/span>.*Revoke/);
  });

  it("unused, revoked and restricted-to-none tokens", () => {
    const html = render([token({ endpoints: [], revokedAt: new Date("2025-11-03T08:00:00Z") })]);
    const [, , endpoints, , lastUsed, expires, status, actions] = cells(html);
    expect(endpoints).toContain(">None</span>");
    expect(lastUsed).toContain(">Never</td>");
    expect(expires).toContain(">Never</td>");
    expect(status).toContain('title="Revoked 3 Nov 2025"');
    expect(status).toContain(">Revoked 3 Nov 2025</span>");
    expect(actions).not.toMatch(/Edit|Revoke/);
  });

  it("admin tokens: no endpoints column; a long inactive status wraps in a fixed width", () => {
    const html = render([token({ inactive: "creator is no longer an admin" }), token({ id: "t2", name: "ok" })], false);
    expect(html).not.toContain("Endpoints");
    const rows = html.slice(html.indexOf("<tbody")).split("</tr>");
    expect(rows[0]).toContain('<div class="w-40"><span');
    expect(rows[0]).toContain(">Inactive: creator is no longer an admin</span>");
    expect(rows[1]).toContain('<div class="whitespace-nowrap"><span');
  });
});
