import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, CSM, apiError, fakeFetch, json, renderApp } from "./helpers";

const ACCOUNT = {
  id: "acc_1",
  mode: "live",
  name: "Cobalt Ridge Health",
  domain: "cobaltridge.example.com",
  arr: 126000,
  segment: "Enterprise",
  region: "NA-East",
  primaryContact: { name: "Daniel Whitfield", email: "daniel@cobaltridge.example.com" },
  csm: { id: CSM.id, name: CSM.name, email: CSM.email },
  csmReason: "Weighted: weight 2 of 3",
  template: { id: "tpl_1", name: "Enterprise onboarding" },
  plan: [
    { milestone: "Kickoff", dueAt: "2026-01-05", tasks: [{ title: "Kickoff call", owner: "csm", dueAt: "2026-01-08" }] },
    { milestone: "Training", dueAt: "2099-02-01", tasks: [{ title: "Admin training", owner: "customer", dueAt: "2099-02-01" }] },
  ],
  startDate: "2026-01-05",
  source: { connector: "salesforce", objectId: "006xyz", url: "https://sf.example/006xyz" },
  createdAt: "2026-01-05T10:00:00Z",
  updatedAt: "2026-01-05T10:00:00Z",
};
const RUN = { id: "run_1", workflowId: "wf_1", workflowName: "Salesforce ARR routing", version: 1, mode: "live", status: "completed", currentNodeIds: [], startedAt: "2026-01-05T10:00:00Z", endedAt: null, durationMs: 1200 };


// The page is lazy-loaded; import it once up front so the first test does not wait on the transform.
beforeAll(async () => {
  await import("../../web/pages/accounts");
  await import("../../web/pages/accounts-detail");
});

describe("accounts", () => {
  it("lists accounts and asks for test ones too behind the switch", async () => {
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/accounts": () => json(200, { items: [ACCOUNT, { ...ACCOUNT, id: "acc_t", name: "Test Co", mode: "test" }], nextCursor: null }),
      "GET /api/directory": () => json(200, { items: [] }),
    });
    renderApp("/accounts", fetch);
    const table = await screen.findByRole("table", { name: "Accounts" });
    expect(within(table).getByRole("link", { name: "Cobalt Ridge Health" }).getAttribute("href")).toBe("/accounts/acc_1");
    expect(within(table).getByText("Test")).toBeTruthy();
    expect(fetch.calls.find((c) => c.path.startsWith("/api/accounts"))?.path).toBe("/api/accounts?mode=live&limit=50");
    fireEvent.click(screen.getByRole("switch", { name: "Show test accounts" }));
    await waitFor(() => expect(fetch.calls.some((c) => c.path === "/api/accounts?mode=all&limit=50")).toBe(true));
    expect(location.search).toBe("?test=1");
  });

  it("lets an admin list the accounts that have no CSM yet", async () => {
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/accounts": () => json(200, { items: [{ ...ACCOUNT, csm: null }], nextCursor: null }),
      "GET /api/directory": () => json(200, { items: [] }),
    });
    renderApp("/accounts", fetch);
    await screen.findByRole("table", { name: "Accounts" });
    // Named by its label alone, not with every CSM's name from its options.
    expect((screen.getByRole("combobox", { name: "CSM" }) as HTMLSelectElement).labels[0]?.textContent).toBe("CSM");
    fireEvent.change(screen.getByLabelText("CSM"), { target: { value: "none" } });
    await waitFor(() => expect(fetch.calls.some((c) => c.path === "/api/accounts?mode=live&csmId=none&limit=50")).toBe(true));
    expect(location.search).toBe("?csm=none");
  });

  it("shows the plan by milestone, the CSM and why, the source link and runs", async () => {
    renderApp(
      "/accounts/acc_1",
      fakeFetch({ "GET /api/me": () => json(200, CSM), "GET /api/accounts/acc_1": () => json(200, { ...ACCOUNT, runs: [RUN] }) }),
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Cobalt Ridge Health" })).toBeTruthy();
    const plan = screen.getByRole("list", { name: "Onboarding plan for Cobalt Ridge Health" });
    expect(within(plan).getAllByRole("heading").map((h) => h.textContent)).toEqual(["Kickoff", "Training"]);
    expect(within(plan).getByText("Next")).toBeTruthy();
    expect(within(plan).getByText("Admin training")).toBeTruthy();
    expect(screen.getByText("Weighted: weight 2 of 3")).toBeTruthy();
    expect(screen.getAllByRole("link", { name: /Open in Salesforce/ })[0].getAttribute("href")).toBe("https://sf.example/006xyz");
    // CSMs cannot open run pages: the run is listed without a link.
    expect(screen.getByText("Salesforce ARR routing").closest("a")).toBeNull();
    // Nothing was decided on the way here: no such card.
    expect(screen.queryByRole("heading", { name: "Handoff and decisions" })).toBeNull();
  });

  it("shows the CSM the AE's handoff answers and the approval that led to the account", async () => {
    const decisions = [
      { id: "qi_h", kind: "handoff", title: "Handoff for Cobalt Ridge Health", completedAt: "2026-01-05T09:00:00Z", outcome: { port: "done", by: "Jordan Reyes", decision: null, comment: null, csm: null, answers: [{ key: "sso", label: "Needs SSO", value: "Yes" }, { key: "notes", label: "Notes", value: "They use Okta" }] } },
      { id: "qi_a", kind: "approval", title: "Approve onboarding", completedAt: "2026-01-05T09:30:00Z", outcome: { port: "approved", by: "Casey Chen", decision: "approve", comment: "Fine to start", csm: null, answers: [] } },
    ];
    renderApp("/accounts/acc_1", fakeFetch({ "GET /api/me": () => json(200, CSM), "GET /api/accounts/acc_1": () => json(200, { ...ACCOUNT, runs: [RUN], decisions }) }));
    const heading = await screen.findByRole("heading", { name: "Handoff and decisions" });
    const card = heading.closest("section") ?? heading.parentElement!.parentElement!;
    expect(within(card as HTMLElement).getByText("Handoff for Cobalt Ridge Health")).toBeTruthy();
    expect(within(card as HTMLElement).getByRole("group", { name: "Answers" }).textContent).toContain("They use Okta");
    expect(within(card as HTMLElement).getByText("Approved")).toBeTruthy();
    expect(within(card as HTMLElement).getByText("Fine to start").tagName).toBe("BLOCKQUOTE");
  });

  it("links runs for admins and explains a 403", async () => {
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/accounts/acc_1": () => json(200, { ...ACCOUNT, runs: [RUN] }),
      "GET /api/accounts/acc_2": () => apiError(403, "forbidden", "This account belongs to another CSM."),
    });
    renderApp("/accounts/acc_1", fetch);
    expect((await screen.findByRole("link", { name: "Salesforce ARR routing" })).getAttribute("href")).toBe("/runs/run_1");
  });

  it("tells a CSM when an account is not theirs", async () => {
    renderApp("/accounts/acc_2", fakeFetch({ "GET /api/me": () => json(200, CSM), "GET /api/accounts/acc_2": () => apiError(403, "forbidden", "This account belongs to another CSM.") }));
    expect(await screen.findByText("This account isn't available to you")).toBeTruthy();
  });
});
