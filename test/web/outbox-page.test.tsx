import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, apiError, fakeFetch, json, renderApp } from "./helpers";
import { stepOf } from "../../web/pages/outbox/describe";

const mail = (id: string, extra = {}) => ({
  id,
  to: "jo@example.com",
  cc: null,
  subject: `Subject ${id}`,
  text: `Please fill in this short form: http://x/forms/abc (${id})`,
  html: `<p>Hello <b>${id}</b></p><script>parent.hacked = true</script>`,
  runId: "run_1",
  nodeId: "handoff",
  mode: "test",
  provider: "outbox",
  providerMessageId: null,
  createdAt: new Date().toISOString(),
  from: null,
  run: { id: "run_1", workflowId: "wf_1", workflowName: "Closed Won onboarding", subject: { connector: "hubspot", objectId: "d-1", name: "Brightline Analytics" } },
  ...extra,
});


// The page is lazy-loaded; import it once up front so the first test does not wait on the transform.
beforeAll(async () => {
  await import("../../web/pages/outbox");
});

describe("outbox", () => {
  it("lists e-mails, marks test ones and previews HTML only in a sandboxed frame", async () => {
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/outbox": () => json(200, { items: [mail("em_1"), mail("em_2", { mode: "live", html: null })], nextCursor: null }),
    });
    renderApp("/outbox", fetch);
    const list = await screen.findByRole("list", { name: "E-mails, newest first" });
    const rows = within(list).getAllByRole("link");
    expect(within(rows[0]).getByText("Test")).toBeTruthy();
    expect(within(rows[1]).getByText("Live")).toBeTruthy();
    expect(screen.getByText("Test e-mail — not delivered")).toBeTruthy();
    const frame = screen.getByTitle("Body of “Subject em_1”") as HTMLIFrameElement;
    expect(frame.tagName).toBe("IFRAME");
    expect(frame.getAttribute("sandbox")).toBe("");
    expect(frame.getAttribute("srcdoc")).toContain("<b>em_1</b>");
    expect(document.querySelector(".ob-body b")).toBeNull();
    fireEvent.click(screen.getByRole("tab", { name: "Plain text" }));
    expect(screen.getByText(/Please fill in this short form/)).toBeTruthy();
  });

  it("filters by mode through the address", async () => {
    const fetch = fakeFetch({ "GET /api/me": () => json(200, ADMIN), "GET /api/outbox": () => json(200, { items: [], nextCursor: null }) });
    renderApp("/outbox", fetch);
    expect(await screen.findByText("No e-mails yet")).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox"), { target: { value: "test" } });
    await waitFor(() => expect(fetch.calls.some((c) => c.path === "/api/outbox?mode=test&limit=50")).toBe(true));
    expect(location.search).toBe("?mode=test");
  });

  it("links the run by its workflow and record, and says who sent it and whether it was delivered", async () => {
    const delivered = mail("em_3", { mode: "live", provider: "http", providerMessageId: "msg_42", from: "Onboarding Team <onboarding@app.example.com>" });
    const kept = mail("em_4", { mode: "live", run: null, runId: "run_gone", nodeId: "assign:assigned:u_r-MvuxDu7fBf4MjP7SU3wQ" });
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/outbox": () => json(200, { items: [delivered, kept], nextCursor: null }),
    });
    renderApp("/outbox", fetch);
    const detail = await screen.findByRole("article");
    const run = within(detail).getByRole("link", { name: "Closed Won onboarding · Brightline Analytics" });
    expect(run.getAttribute("href")).toBe("/runs/run_1");
    expect(within(detail).queryByText("run_1")).toBeNull();
    expect(within(detail).getByText("Onboarding Team <onboarding@app.example.com>")).toBeTruthy();
    expect(within(detail).getByText("Delivered by the e-mail API (message msg_42)")).toBeTruthy();
    // The list row names the run too.
    const list = screen.getByRole("list", { name: "E-mails, newest first" });
    expect(within(within(list).getAllByRole("link")[0]).getByText("Closed Won onboarding · Brightline Analytics")).toBeTruthy();

    fireEvent.click(within(list).getAllByRole("link")[1]);
    await waitFor(() => expect(screen.getByRole("heading", { name: "Subject em_4" })).toBeTruthy());
    const other = screen.getByRole("article");
    expect(within(other).getByText("Outbox only — not delivered")).toBeTruthy();
    expect(within(other).getByText(/Kept in the outbox — no e-mail provider was chosen/)).toBeTruthy();
    // A step's notice names the step and the kind of notice, not the internal key with a user id.
    expect(within(other).getByText(/· step assign \(assignment notice\)/)).toBeTruthy();
    expect(within(other).queryByText(/u_r-Mvux/)).toBeNull();
    // A run whose index row is not there yet still links, by its id.
    expect(within(other).getByRole("link", { name: "run_gone" }).getAttribute("href")).toBe("/runs/run_gone");
  });

  it("names the step of a run's notices in words", () => {
    expect(stepOf("welcome")).toBe("step welcome");
    expect(stepOf("form:handoff")).toBe("step form (handoff link)");
    expect(stepOf("ok:remind:2:jo@example.com")).toBe("step ok (reminder 2)");
    expect(stepOf("ok:escalate:boss@example.com")).toBe("step ok (escalation)");
  });

  it("says so when the next page of e-mails cannot be loaded, and keeps Show more to try again", async () => {
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/outbox": ({ path }) => (path.includes("cursor=") ? apiError(500, "internal", "The database is busy.") : json(200, { items: [mail("em_1")], nextCursor: "c2" })),
    });
    renderApp("/outbox", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Show more" }));
    expect(await screen.findByText("Couldn't load more e-mails")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Show more" })).toBeTruthy();
  });
});
