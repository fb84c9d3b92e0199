// The dashboard's empty state: admins get the setup steps; a member in no team is told why they see
// nothing and what to do, instead of an unexplained empty page.

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { GettingStarted } from "@/components/usage/getting-started";

const render = (props: Partial<Parameters<typeof GettingStarted>[0]>) =>
  renderToStaticMarkup(createElement(GettingStarted, { baseUrl: "http://gw/gateway/mlflow/v1", endpointName: null, counts: null, ...props }));

describe("dashboard empty state", () => {
  it("tells a member in no team to ask an admin", () => {
    const html = render({ noTeam: true });
    expect(html).toContain("You are not in any team yet");
    expect(html).toContain("Ask an admin to add you to a team");
    expect(html).toContain("http://gw/gateway/mlflow/v1");
  });

  it("shows members in a team only how to call the gateway, and admins the setup steps", () => {
    const member = render({});
    expect(member).not.toContain("not in any team");
    expect(member).not.toContain("Getting started");
    const admin = render({ counts: { secrets: 1, endpoints: 0, teams: 0 } });
    expect(admin).toContain("Getting started");
    expect(admin).toContain("Create an endpoint");
  });
});
