import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { QueueItem, QueueItemDetail } from "../../web/lib/api-types";
import { clearPeopleCache } from "../../web/pages/queue/use-people";
import { clearQueueListCache } from "../../web/pages/queue/use-queue-list";
import { clearDrafts } from "../../web/pages/queue/drafts";
import { ADMIN, CSM, apiError, fakeFetch, json, queueItem, renderApp } from "./helpers";

const HOUR = 3_600_000;
const item = (id: string, extra: Partial<QueueItem> = {}): QueueItem =>
  queueItem({ id, runId: `run_${id}`, title: `Approve ${id}`, dueAt: new Date(Date.now() + 5 * HOUR).toISOString(), ...extra });
const detail = (i: QueueItem, extra: Partial<QueueItemDetail> = {}): QueueItemDetail => ({
  ...i,
  form: [],
  context: {
    workflowName: i.workflowName,
    step: "Manager approval",
    why: "Check the discount before onboarding starts.",
    routing: "Assigned to Cole Success.",
    deal: {
      name: "Acme - Enterprise",
      amount: 120000,
      arr: 120000,
      currency: "USD",
      stage: "closedwon",
      closeDate: "2026-01-02",
      url: "https://crm.example/deal/1",
      source: "hubspot",
      company: { name: "Acme", domain: "acme.test" },
      primaryContact: { name: "Pat", email: "pat@acme.test" },
      owner: { name: "Jo AE", email: "jo@example.com" },
    },
    account: { id: "acc_1", name: "Acme", domain: "acme.test", arr: 120000, segment: "Enterprise", region: "EMEA" },
    csm: null,
    instructions: null,
  },
  ...extra,
});
const PEOPLE = [
  { id: CSM.id, name: CSM.name, email: CSM.email, role: "csm", outOfOffice: false },
  { id: "u_csm2", name: "Sam Rivera", email: "csm2@example.com", role: "csm", outOfOffice: false },
  { id: "u_csm3", name: "Robin Patel", email: "csm3@example.com", role: "csm", outOfOffice: true },
];

type Routes = Parameters<typeof fakeFetch>[0];
function server(items: QueueItem[], details: Record<string, QueueItemDetail> = {}, extra: Routes = {}, me: typeof CSM | typeof ADMIN = CSM) {
  return fakeFetch({
    "GET /api/me": () => json(200, me),
    "GET /api/queue": () => json(200, { items, nextCursor: null }),
    "GET /api/queue/counts": () => json(200, { open: 3, claimedByMe: 1, overdue: 1, assignedToMe: 2 }),
    "GET /api/directory": ({ path }) => json(200, { items: path.includes("poolId=pool_g") ? PEOPLE.slice(1) : PEOPLE }),
    "GET /api/directory/pools": () => json(200, { items: [{ id: "pool_g", name: "General pool" }] }),
    "GET /api/workflows": () => json(200, { items: [{ id: "wf_1", name: "Notion approval", status: "active" }], nextCursor: null }),
    ...Object.fromEntries(Object.values(details).map((d) => [`GET /api/queue/${d.id}`, () => json(200, d)])),
    ...extra,
  });
}

const listPaths = (fetch: ReturnType<typeof fakeFetch>) => fetch.calls.filter((c) => c.method === "GET" && c.path.startsWith("/api/queue?")).map((c) => c.path.replace(/&limit=\d+/, ""));

beforeEach(() => {
  clearQueueListCache();
  clearDrafts();
  clearPeopleCache();
});


// The page is lazy-loaded; import it once up front so the first test does not wait on the transform.
beforeAll(async () => {
  await import("../../web/pages/queue");
});

describe("Queue Dashboard", () => {
  it("is a CSM's home, lists their items with due badges, and shows the count in the nav", async () => {
    const fetch = server([item("qi_1"), item("qi_2", { dueAt: new Date(Date.now() - 2 * HOUR).toISOString(), kind: "form", title: "Kickoff details" })]);
    renderApp("/", fetch);
    await waitFor(() => expect(location.pathname).toBe("/queue"));
    const list = await screen.findByRole("list", { name: "Queue items" });
    const rows = within(list).getAllByRole("link");
    expect(rows.map((r) => r.querySelector(".q-row__title")?.textContent)).toEqual(["Approve qi_1", "Kickoff details"]);
    expect(within(rows[0]).getByText("Due in 4 h")).toBeTruthy();
    expect(within(rows[1]).getByText("Overdue 2 h")).toBeTruthy();
    expect(listPaths(fetch)[0]).toBe("/api/queue?status=active&assignee=me&mode=live");
    const nav = screen.getByRole("navigation", { name: "Main" });
    await waitFor(() => expect(within(nav).getByRole("link", { name: /^Queue 4 items waiting, 1 overdue$/ })).toBeTruthy());
    expect(screen.getByRole("tab", { name: /My items/ }).textContent).toContain("3");
  });

  it("switches tabs and filters through the address and the query string", async () => {
    const fetch = server([item("qi_1")]);
    renderApp("/queue", fetch);
    await screen.findByRole("list", { name: "Queue items" });
    fireEvent.click(screen.getByRole("tab", { name: "Pool" }));
    await waitFor(() => expect(location.search).toBe("?tab=pool"));
    await waitFor(() => expect(listPaths(fetch)).toContain("/api/queue?status=active&pool=mine&mode=live"));
    // Each filter is named by its label alone, not with its options' text.
    expect(["Kind", "Workflow"].map((name) => (screen.getByRole("combobox", { name }) as HTMLSelectElement).labels[0]?.textContent)).toEqual(["Kind", "Workflow"]);
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "approval" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Overdue only" }));
    fireEvent.click(screen.getByRole("switch", { name: "Show test items" }));
    await waitFor(() => expect(listPaths(fetch)).toContain("/api/queue?status=active&pool=mine&kind=approval&overdue=true&mode=test"));
    expect(location.search).toBe("?tab=pool&kind=approval&overdue=1&test=1");
    expect(screen.queryByRole("tab", { name: "All" })).toBeNull();
  });

  it("moves through the list with j/k and arrow keys", async () => {
    renderApp("/queue", server([item("qi_1"), item("qi_2"), item("qi_3")]));
    const list = await screen.findByRole("list", { name: "Queue items" });
    const rows = within(list).getAllByRole("link");
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1, -1]);
    // From the page, "j" lands on the first item (it used to skip it); then it moves down.
    fireEvent.keyDown(document.body, { key: "j" });
    expect(document.activeElement).toBe(rows[0]);
    fireEvent.keyDown(rows[0], { key: "j" });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(rows[1], { key: "ArrowDown" });
    expect(document.activeElement).toBe(rows[2]);
    fireEvent.keyDown(rows[2], { key: "k" });
    expect(document.activeElement).toBe(rows[1]);
    expect(rows[1].tabIndex).toBe(0);
    expect(rows[1].getAttribute("href")).toBe("/queue/qi_2");
  });

  it("approves an approval with a comment and shows the run's next step", async () => {
    const approval = item("qi_1");
    let done = false;
    const next = item("qi_next", { kind: "form", title: "Schedule kickoff for Acme", runId: approval.runId, createdAt: "2026-01-01T00:05:00Z" });
    const fetch = server([approval], { qi_1: detail(approval) }, {
      "POST /api/queue/qi_1/complete": () => {
        done = true;
        // As the server answers a completion: the item with its context, holding what was decided.
        return json(200, { ...detail(approval), status: "completed", completedAt: new Date().toISOString(), completedBy: CSM.email, context: { ...detail(approval).context, outcome: { port: "approved", by: CSM.name, decision: "approve", comment: "Discount is fine", csm: null, answers: [] } } });
      },
      "GET /api/queue": ({ path }) =>
        json(200, {
          items: path.includes("runId=") ? (path.includes("status=done") ? (done ? [{ ...approval, status: "completed" }] : []) : done ? [next] : [approval]) : done ? [next] : [approval],
          nextCursor: null,
        }),
    });
    renderApp("/queue/qi_1", fetch);
    expect(await screen.findByRole("heading", { level: 2, name: "Approve qi_1" })).toBeTruthy();
    expect(screen.getByText("Check the discount before onboarding starts.")).toBeTruthy();
    // HubSpot's default stage ids read as their labels.
    expect(screen.getByText("Closed Won")).toBeTruthy();
    expect(screen.queryByText("closedwon")).toBeNull();
    const crm = screen.getByRole("link", { name: /Open in HubSpot/ });
    expect(crm.getAttribute("href")).toBe("https://crm.example/deal/1");
    expect(crm.getAttribute("rel")).toContain("noopener");
    fireEvent.input(screen.getByLabelText("Comment (optional)"), { target: { value: "Discount is fine" } });
    fireEvent.click(screen.getByRole("button", { name: "Approve" }));
    // The toast, and the decision with its comment on the item at once (not only after a reload).
    await waitFor(() => expect(screen.getAllByText("Approved").map((e) => e.className)).toContain("q-outcome__verdict q-outcome__verdict--approve"));
    expect(fetch.calls.find((c) => c.method === "POST")?.body).toEqual({ decision: "approve", comment: "Discount is fine" });
    expect(screen.getByText("Discount is fine").tagName).toBe("BLOCKQUOTE");
    const nextStep = await waitFor(() => document.querySelector<HTMLElement>(".q-next") ?? Promise.reject(new Error("no next step yet")), { timeout: 3000 });
    expect(nextStep.textContent).toContain("Next step:");
    expect(within(nextStep).getByRole("link", { name: "Schedule kickoff for Acme" }).getAttribute("href")).toBe("/queue/qi_next");
  });

  it("shows on a finished item what was decided: the verdict, the comment, the CSM and the answers", async () => {
    const finished = item("qi_5", { status: "completed", completedAt: "2026-01-02T10:00:00Z", completedBy: CSM.id });
    const d = detail(finished);
    d.context.outcome = { port: "rejected", by: CSM.name, decision: "reject", comment: "Discount too deep", csm: { id: "u_csm2", name: "Sam Rivera" }, answers: [{ key: "seats", label: "Seats", value: "40" }] };
    renderApp("/queue/qi_5", server([finished], { qi_5: d }));
    expect(await screen.findByText("Rejected")).toBeTruthy();
    expect(screen.getByText("CSM assigned: Sam Rivera")).toBeTruthy();
    // The account card names the CSM just chosen, and keeps segment and region apart.
    const card = screen.getByRole("heading", { name: "Account" }).closest(".card") as HTMLElement;
    const row = (label: string) => within(card).getByText(label, { selector: "dt" }).nextElementSibling?.textContent;
    expect([row("Segment"), row("Region"), row("CSM")]).toEqual(["Enterprise", "EMEA", "Sam Rivera"]);
    expect(screen.getByText("Discount too deep")).toBeTruthy();
    const answers = screen.getByLabelText("Answers");
    expect(within(answers).getByText("Seats")).toBeTruthy();
    expect(within(answers).getByText("40")).toBeTruthy();
  });

  it("tells a CSM who is not the assignee that they cannot decide an approval", async () => {
    const other = item("qi_1", { assigneeId: "u_csm2", poolId: "pool_g" });
    renderApp("/queue/qi_1", server([other], { qi_1: detail(other) }));
    expect(await screen.findByText("Only Sam Rivera or an admin can decide this approval.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Approve" })).toBeNull();
  });

  it("claims a form, checks it client-side, then completes it with typed data", async () => {
    const form = item("qi_f", { kind: "form", title: "Kickoff details", assigneeId: null, poolId: "pool_g" });
    const d = detail(form, {
      form: [
        { key: "kickoffDate", label: "Kickoff date", type: "date", required: true },
        { key: "attendees", label: "Attendees", type: "number" },
      ],
    });
    const fetch = server([form], { qi_f: d }, {
      "POST /api/queue/qi_f/claim": () => json(200, { ...form, status: "claimed", claimedBy: CSM.id, claimedAt: new Date().toISOString() }),
      "POST /api/queue/qi_f/complete": () => json(200, { ...form, status: "completed" }),
    });
    renderApp("/queue/qi_f", fetch);
    const date = (await screen.findByLabelText("Kickoff date")) as HTMLInputElement;
    expect(date.disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Submit form" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Claim" }));
    await waitFor(() => expect(date.disabled).toBe(false));
    expect(screen.getByRole("button", { name: "Release" })).toBeTruthy();
    // Focus moves to the form's first field, not back to the page.
    await waitFor(() => expect(document.activeElement).toBe(date));
    fireEvent.click(screen.getByRole("button", { name: "Submit form" }));
    expect(await screen.findByText("Kickoff date is required")).toBeTruthy();
    expect(fetch.calls.some((c) => c.path.endsWith("/complete"))).toBe(false);
    fireEvent.input(date, { target: { value: "2026-02-01" } });
    fireEvent.input(screen.getByLabelText("Attendees (optional)"), { target: { value: "6" } });
    fireEvent.click(screen.getByRole("button", { name: "Submit form" }));
    await waitFor(() => expect(fetch.calls.find((c) => c.path.endsWith("/complete"))?.body).toEqual({ data: { kickoffDate: "2026-02-01", attendees: 6 } }));
    // The submit button is gone: focus lands on the outcome that replaced the form, not on the page.
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/^Completed by/));
  });

  it("puts a server 422 on the field it names", async () => {
    const form = item("qi_f", { kind: "form", status: "claimed", claimedBy: CSM.id });
    const d = detail(form, { form: [{ key: "kickoffDate", label: "Kickoff date", type: "date", required: true }] });
    renderApp(
      "/queue/qi_f",
      server([form], { qi_f: d }, { "POST /api/queue/qi_f/complete": () => apiError(422, "validation_failed", "Some answers need fixing.", [{ path: "kickoffDate", message: "Kickoff date must be a weekday" }]) }),
    );
    fireEvent.input(await screen.findByLabelText("Kickoff date"), { target: { value: "2026-02-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Submit form" }));
    expect(await screen.findByText("Kickoff date must be a weekday")).toBeTruthy();
    expect(screen.getByLabelText("Kickoff date").getAttribute("aria-invalid")).toBe("true");
  });

  it("labels a review's paths in words and sends only the corrected values", async () => {
    const r = item("qi_r", { kind: "review", title: "Review Acme", status: "claimed", claimedBy: CSM.id });
    const fetch = server([r], {
      qi_r: detail(r, {
        form: [
          { key: "deal.arr", label: "deal.arr", type: "number", value: 50000 },
          { key: "deal.segment", label: "deal.segment", type: "text", value: null },
          { key: "deal.company.name", label: "deal.company.name", type: "text", value: "Acme" },
        ],
      }),
    }, { "POST /api/queue/qi_r/complete": () => json(200, { ...r, status: "completed" }) });
    renderApp("/queue/qi_r", fetch);
    const arr = (await screen.findByLabelText("ARR")) as HTMLInputElement;
    expect(arr.value).toBe("50000");
    expect(screen.getByText("Run data: deal.arr")).toBeTruthy();
    expect((screen.getByLabelText("Company name") as HTMLInputElement).value).toBe("Acme");
    fireEvent.input(arr, { target: { value: "65000" } });
    fireEvent.input(screen.getByLabelText("Segment"), { target: { value: "Mid-Market" } });
    fireEvent.click(screen.getByRole("button", { name: "Complete review" }));
    await waitFor(() => expect(fetch.calls.find((c) => c.path.endsWith("/complete"))?.body).toEqual({ data: { "deal.arr": 65000, "deal.segment": "Mid-Market" } }));
  });

  it("offers the pool's members for a CSM assignment", async () => {
    const a = item("qi_a", { kind: "assignment", title: "Assign a CSM to Acme", assigneeId: null, poolId: "pool_g", status: "claimed", claimedBy: CSM.id });
    const fetch = server([a], { qi_a: detail(a, { form: [{ key: "userId", label: "CSM", type: "user", required: true, poolId: "pool_g" }] }) }, {
      "POST /api/queue/qi_a/complete": () => json(200, { ...a, status: "completed" }),
    });
    renderApp("/queue/qi_a", fetch);
    const select = (await screen.findByLabelText("CSM")) as HTMLSelectElement;
    await waitFor(() => expect([...select.options].map((o) => o.textContent)).toEqual(["Choose a person…", "Sam Rivera (csm2@example.com)", "Robin Patel (csm3@example.com) — out of office"]));
    expect(fetch.calls.some((c) => c.path === "/api/directory?poolId=pool_g")).toBe(true);
    fireEvent.change(select, { target: { value: "u_csm2" } });
    fireEvent.click(screen.getByRole("button", { name: "Assign CSM" }));
    await waitFor(() => expect(fetch.calls.find((c) => c.path.endsWith("/complete"))?.body).toEqual({ data: { userId: "u_csm2" } }));
  });

  it("names the pool an item waits in for a CSM too", async () => {
    const form = item("qi_p", { kind: "form", assigneeId: null, poolId: "pool_g" });
    renderApp("/queue?tab=pool", server([form], { qi_p: detail(form) }));
    expect(await screen.findByText(/In General pool/)).toBeTruthy();
    expect(screen.queryByText(/your pool/)).toBeNull();
  });

  it("says so when someone else claimed it first", async () => {
    const form = item("qi_f", { kind: "form", assigneeId: null, poolId: "pool_g" });
    const fetch = server([form], { qi_f: detail(form) }, { "POST /api/queue/qi_f/claim": () => apiError(409, "already_claimed", "Someone else has already claimed this item.") });
    renderApp("/queue/qi_f", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Claim" }));
    expect(await screen.findByText("Someone else has already claimed this item.")).toBeTruthy();
    await waitFor(() => expect(fetch.calls.filter((c) => c.path === "/api/queue/qi_f").length).toBeGreaterThan(1));
  });

  it("updates the list row when the open item turns out to be claimed by someone else", async () => {
    const form = item("qi_s", { kind: "form", assigneeId: null, poolId: "pool_g" });
    let current = form;
    const fetch = server([], {}, {
      "GET /api/queue": () => json(200, { items: [current], nextCursor: null }),
      "GET /api/queue/qi_s": () => json(200, detail(current)),
      "POST /api/queue/qi_s/claim": () => {
        current = { ...form, status: "claimed", claimedBy: "u_csm2", claimedAt: new Date().toISOString() };
        return apiError(409, "already_claimed", "Someone else has already claimed this item.");
      },
    });
    renderApp("/queue/qi_s?tab=pool", fetch);
    const list = await screen.findByRole("list", { name: "Queue items" });
    expect(await within(list).findByText(/In General pool/)).toBeTruthy();
    fireEvent.click(await screen.findByRole("button", { name: "Claim" }));
    expect(await screen.findByText(/Sam Rivera claimed this/)).toBeTruthy();
    // Without waiting for the list's 10-second refresh.
    expect(await within(list).findByText(/Claimed by Sam Rivera/)).toBeTruthy();
    expect(within(list).queryByText(/In General pool/)).toBeNull();
  });

  it("keeps the answers and drops the stale refusal when an item released under you is claimed again", async () => {
    const form = item("qi_r", { kind: "form", title: "Kickoff details", assigneeId: null, poolId: "pool_g" });
    const claimed = { ...form, status: "claimed" as const, claimedBy: CSM.id, claimedAt: new Date().toISOString() };
    let current: QueueItem = claimed;
    const d = (i: QueueItem) => detail(i, { form: [{ key: "seats", label: "Seats", type: "number", required: true }] });
    const fetch = server([], {}, {
      "GET /api/queue": () => json(200, { items: [current], nextCursor: null }),
      "GET /api/queue/qi_r": () => json(200, d(current)),
      "POST /api/queue/qi_r/complete": () => {
        current = form; // an admin released it meanwhile
        return apiError(409, "not_claimed_by_you", "Claim this item before completing it.");
      },
      "POST /api/queue/qi_r/claim": () => {
        current = claimed;
        return json(200, claimed);
      },
    });
    renderApp("/queue/qi_r", fetch);
    const seats = (await screen.findByLabelText("Seats")) as HTMLInputElement;
    await waitFor(() => expect(seats.disabled).toBe(false));
    fireEvent.input(seats, { target: { value: "12" } });
    fireEvent.click(screen.getByRole("button", { name: "Submit form" }));
    expect(await screen.findByText("Claim this item before completing it.")).toBeTruthy();
    fireEvent.click(await screen.findByRole("button", { name: "Claim" }));
    await waitFor(() => expect(seats.disabled).toBe(false));
    expect(seats.value).toBe("12");
    expect(screen.queryByText("Claim this item before completing it.")).toBeNull();
  });

  it("says when the list could not be refreshed instead of quietly showing old rows", async () => {
    let down = false;
    const a = item("qi_1");
    const fetch = server([a], { qi_1: detail(a) }, {
      "GET /api/queue": () => (down ? apiError(503, "unavailable", "The server is restarting.") : json(200, { items: [a], nextCursor: null })),
    });
    renderApp("/queue", fetch);
    await screen.findByText("Approve qi_1");
    down = true;
    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    expect((await screen.findByRole("alert")).textContent).toMatch(/Couldn't refresh the queue: The server is restarting\. The list may be out of date\./);
    expect(screen.getByText("Approve qi_1")).toBeTruthy();
    down = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(screen.queryByText(/Couldn't refresh the queue/)).toBeNull());
  });

  it("keeps what was typed into an item when another item is opened and this one again", async () => {
    const a = item("qi_1");
    const form = item("qi_f", { kind: "form", title: "Kickoff details", assigneeId: null, poolId: "pool_g", status: "claimed", claimedBy: CSM.id, claimedAt: new Date().toISOString() });
    const withField = detail(form, { form: [{ key: "seats", label: "Seats", type: "number", required: true }] });
    renderApp("/queue/qi_1", server([a, form], { qi_1: detail(a), qi_f: withField }));
    fireEvent.input(await screen.findByLabelText("Comment (optional)"), { target: { value: "Discount checked with finance" } });
    const list = screen.getByRole("list", { name: "Queue items" });
    fireEvent.click(within(list).getByText("Kickoff details"));
    const seats = (await screen.findByLabelText("Seats")) as HTMLInputElement;
    await waitFor(() => expect(seats.disabled).toBe(false));
    fireEvent.input(seats, { target: { value: "12" } });
    fireEvent.click(within(list).getByText("Approve qi_1"));
    expect(((await screen.findByLabelText("Comment (optional)")) as HTMLTextAreaElement).value).toBe("Discount checked with finance");
    fireEvent.click(within(list).getByText("Kickoff details"));
    expect(((await screen.findByLabelText("Seats")) as HTMLInputElement).value).toBe("12");
  });

  it("lets admins see All and reassign", async () => {
    const a = item("qi_1", { kind: "review", assigneeId: null, poolId: "pool_g" });
    const fetch = server([a], { qi_1: detail(a) }, { "POST /api/queue/qi_1/assign": () => json(200, { ...a, assigneeId: "u_csm2", poolId: null }) }, ADMIN);
    renderApp("/queue/qi_1", fetch);
    expect(await screen.findByRole("tab", { name: "All" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "All" }).getAttribute("aria-selected")).toBe("true");
    await screen.findByText(/In General pool/);
    fireEvent.click(await screen.findByRole("button", { name: "Reassign" }));
    const dialog = await screen.findByRole("dialog", { name: "Reassign item" });
    const who = within(dialog).getByLabelText("Assign to") as HTMLSelectElement;
    await waitFor(() => expect(who.options.length).toBeGreaterThan(1));
    fireEvent.change(who, { target: { value: "u_csm2" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Assign item" }));
    await screen.findByText("Reassigned to Sam Rivera");
    expect(fetch.calls.find((c) => c.path.endsWith("/assign"))?.body).toEqual({ userId: "u_csm2" });
  });

  it("lands a CSM with nothing of their own on the pool's waiting work, once", async () => {
    const fetch = server([item("qi_9", { assigneeId: null, poolId: "pool_g" })], {}, { "GET /api/queue/counts": () => json(200, { open: 1, claimedByMe: 0, overdue: 0, assignedToMe: 0 }) });
    renderApp("/queue", fetch);
    await waitFor(() => expect(location.search).toBe("?tab=pool"));
    await waitFor(() => expect(listPaths(fetch).at(-1)).toBe("/api/queue?status=active&pool=mine&mode=live"));
    // Choosing "My items" afterwards is respected.
    fireEvent.click(screen.getByRole("tab", { name: /My items/ }));
    await waitFor(() => expect(location.search).toBe(""));
    expect(await screen.findByRole("tab", { name: /My items/, selected: true })).toBeTruthy();
  });

  it("shows an empty state with a way to the pool", async () => {
    renderApp("/queue", server([]));
    expect(await screen.findByText("Nothing on your plate")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "View pool" }));
    await waitFor(() => expect(location.search).toBe("?tab=pool"));
    expect(await screen.findByText("The pool is clear")).toBeTruthy();
  });
});
