import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SearchField } from "../../web/components/search-field";
import { apiSearch, MAX_SEARCH, SEARCH_DEBOUNCE_MS, searchFromQuery, useSettledSearch } from "../../web/lib/search";
import { accountsViewFromQuery, accountsViewToSearch } from "../../web/pages/accounts/query";
import { outboxHref, outboxViewFromQuery } from "../../web/pages/outbox/query";
import { filtersFromQuery, filtersToSearch, listQueryFor, searchScope, type QueueFilters } from "../../web/pages/queue/query";
import { clearQueueListCache } from "../../web/pages/queue/use-queue-list";
import { ADMIN, CSM, fakeFetch, json, queueItem, renderApp } from "./helpers";

/** Text search on the Accounts, Queue and Outbox pages (and the parts the Runs page shares). */

describe("the search in the address", () => {
  it("reads q cut to the API's 200 characters, and asks for it trimmed, or not at all when blank", () => {
    expect(searchFromQuery({})).toBe("");
    expect(searchFromQuery({ q: "x".repeat(250) })).toHaveLength(MAX_SEARCH);
    expect(apiSearch("  acme  ")).toBe("acme");
    expect(apiSearch("   ")).toBeUndefined();
  });

  it("keeps the Accounts page's filters beside it, and a CSM's csm out of it", () => {
    const v = accountsViewFromQuery({ test: "1", csm: "u_1", q: "acme & co" }, "admin");
    expect(v).toEqual({ test: true, csm: "u_1", q: "acme & co" });
    expect(accountsViewToSearch(v)).toBe("?test=1&csm=u_1&q=acme+%26+co");
    expect(accountsViewFromQuery(Object.fromEntries(new URLSearchParams(accountsViewToSearch(v))), "admin")).toEqual(v);
    expect(accountsViewFromQuery({ csm: "u_1", q: "acme" }, "csm")).toEqual({ test: false, csm: "", q: "acme" });
    expect(accountsViewToSearch({ test: false, csm: "", q: "" })).toBe("");
  });

  it("keeps the Outbox page's mode and open e-mail beside it", () => {
    const v = outboxViewFromQuery({ mode: "live", q: "maya@", id: "em_1" });
    expect(v).toEqual({ mode: "live", q: "maya@", id: "em_1" });
    expect(outboxHref(v)).toBe("/outbox?mode=live&q=maya%40&id=em_1");
    expect(outboxViewFromQuery({ mode: "nonsense" })).toEqual({ mode: "all", q: "", id: undefined });
    expect(outboxHref({ mode: "all", q: "" })).toBe("/outbox");
  });

  it("keeps the Queue's tab and filters beside it, asks for it trimmed, and says what a search looked through", () => {
    const f = filtersFromQuery({ tab: "pool", kind: "review", q: "cobalt" }, "csm");
    expect(f).toMatchObject({ tab: "pool", kind: "review", q: "cobalt" });
    expect(filtersToSearch(f, "csm")).toBe("?tab=pool&kind=review&q=cobalt");
    expect(filtersFromQuery({}, "csm").q).toBeUndefined();
    const base: QueueFilters = { tab: "mine", kind: "", workflowId: "", overdue: false, test: false };
    expect(listQueryFor({ ...base, q: "  cobalt " }, "csm")).toMatchObject({ status: "active", assignee: "me", q: "cobalt" });
    expect(listQueryFor({ ...base, q: "  " }, "csm")).not.toHaveProperty("q");
    expect(searchScope({ ...base, tab: "pool" })).toBe("Searched the pool's items.");
    expect(searchScope({ ...base, tab: "all", kind: "approval" })).toBe("Searched all open items that match the filters.");
  });
});

describe("useSettledSearch", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A box whose text is `text` (as the address would hold it), showing what the list would be asked for. */
  function Harness() {
    const [text, setText] = useState("start");
    const search = useSettledSearch(text);
    return (
      <>
        <input aria-label="box" value={text} onInput={(e) => (search.typed(), setText(e.currentTarget.value))} />
        <button onClick={() => (search.now(), setText(""))}>clear</button>
        <button onClick={() => setText("from a link")}>link</button>
        <output>{search.q}</output>
      </>
    );
  }
  const asked = () => screen.getByRole("status").textContent;

  it("asks for typed text once typing pauses, and for a cleared box or any other change at once", async () => {
    render(<Harness />);
    const box = screen.getByLabelText("box");
    for (const text of ["a", "ac", "acm"]) {
      fireEvent.input(box, { target: { value: text } });
      await act(() => {
        vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 50);
      });
      expect(asked()).toBe("start");
    }
    await act(() => {
      vi.advanceTimersByTime(60);
    });
    expect(asked()).toBe("acm");

    fireEvent.input(box, { target: { value: "acme" } });
    fireEvent.click(screen.getByText("clear")); // before the pause: the clearing wins at once
    expect(asked()).toBe("");
    await act(() => {
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2);
    });
    expect(asked()).toBe("");

    fireEvent.click(screen.getByText("link"));
    expect(asked()).toBe("from a link");
  });
});

describe("SearchField", () => {
  function Box({ onKey }: { onKey?: (e: KeyboardEvent) => void }) {
    const [value, setValue] = useState("acme");
    return (
      <div onKeyDown={onKey}>
        <SearchField label="Search accounts" placeholder="Name or domain" value={value} onInput={setValue} onClear={() => setValue("")} />
        <span data-testid="value">{value}</span>
      </div>
    );
  }

  it("is a labelled search box of at most 200 characters", () => {
    render(<Box />);
    const box = screen.getByRole("searchbox", { name: "Search accounts" }) as HTMLInputElement;
    expect(box.maxLength).toBe(200);
    expect(box.placeholder).toBe("Name or domain");
    fireEvent.input(box, { target: { value: "acme co" } });
    expect(screen.getByTestId("value").textContent).toBe("acme co");
  });

  it("clears with its × button, keeping the focus in the box, and offers no × when empty", () => {
    render(<Box />);
    fireEvent.click(screen.getByRole("button", { name: "Clear search" }));
    expect(screen.getByTestId("value").textContent).toBe("");
    expect(document.activeElement).toBe(screen.getByRole("searchbox", { name: "Search accounts" }));
    expect(screen.queryByRole("button", { name: "Clear search" })).toBeNull();
  });

  it("clears with Escape, which goes no further; on an empty box Escape is left to the page", () => {
    const outer = vi.fn();
    render(<Box onKey={outer} />);
    const box = screen.getByRole("searchbox", { name: "Search accounts" });
    fireEvent.keyDown(box, { key: "Escape" });
    expect(screen.getByTestId("value").textContent).toBe("");
    expect(outer).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: "Escape" });
    expect(outer).toHaveBeenCalledTimes(1);
  });
});

const ACCOUNT = {
  id: "acc_1",
  mode: "live",
  name: "Cobalt Ridge Health",
  domain: "cobaltridge.example.com",
  arr: null,
  segment: null,
  region: null,
  primaryContact: null,
  csm: null,
  csmReason: null,
  csmByHand: false,
  template: null,
  plan: [],
  startDate: null,
  source: { connector: "hubspot", objectId: "1", url: null },
  createdAt: "2026-01-05T10:00:00Z",
  updatedAt: "2026-01-05T10:00:00Z",
};

const listedItem = queueItem({ assigneeId: ADMIN.id, title: "Approve Cobalt Ridge", subject: { connector: "notion", objectId: "p1", name: "Cobalt Ridge" } });

const email = {
  id: "em_1",
  to: "maya@cobalt.example.com",
  cc: null,
  subject: "Welcome to onboarding, Cobalt Ridge",
  text: "Hello.",
  html: null,
  runId: null,
  nodeId: null,
  mode: "live",
  provider: "outbox",
  providerMessageId: null,
  createdAt: new Date().toISOString(),
  from: null,
  run: null,
};

/** A list endpoint that answers `item` unless the search is "nothing", recording each query. */
const searchable = (item: unknown) => (c: { path: string }) => json(200, { items: new URL(c.path, "http://x").searchParams.get("q") === "nothing" ? [] : [item], nextCursor: null });
const queries = (fetch: ReturnType<typeof fakeFetch>, path: string) => fetch.calls.filter((c) => c.path.startsWith(`${path}?`)).map((c) => new URL(c.path, "http://x").searchParams);

describe("the pages' search boxes", () => {
  beforeAll(async () => {
    await import("../../web/pages/accounts");
    await import("../../web/pages/queue");
    await import("../../web/pages/outbox");
  });
  beforeEach(() => clearQueueListCache());

  it("Accounts: keeps the search with the CSM and test filters in the address, asks once typing pauses, and clears only the search", async () => {
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/accounts": searchable(ACCOUNT),
      "GET /api/directory": () => json(200, { items: [{ id: "u_2", name: "Sam Rivera", email: "sam@example.com", role: "csm", outOfOffice: false }] }),
    });
    renderApp("/accounts?test=1&csm=u_2", fetch);
    await screen.findByRole("link", { name: "Cobalt Ridge Health" });
    const before = history.length;
    const box = screen.getByRole("searchbox", { name: "Search accounts" });
    for (const text of ["n", "no", "nothing"]) fireEvent.input(box, { target: { value: text } });
    expect(location.search).toBe("?test=1&csm=u_2&q=nothing");
    expect(history.length).toBe(before);
    await screen.findByText("“nothing”");
    const searched = queries(fetch, "/api/accounts").filter((p) => p.get("q"));
    expect(searched.map((p) => [p.get("q"), p.get("csmId"), p.get("mode")])).toEqual([["nothing", "u_2", "all"]]); // once, not per key
    expect(screen.getByText(/Only this CSM's accounts were searched/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Clear the search" }));
    await waitFor(() => expect(location.search).toBe("?test=1&csm=u_2"));
    await screen.findByRole("link", { name: "Cobalt Ridge Health" });
    expect((box as HTMLInputElement).value).toBe("");
  });

  it("Accounts: a reload keeps the search (the box shows it and the list asks for it)", async () => {
    const fetch = fakeFetch({ "GET /api/me": () => json(200, CSM), "GET /api/accounts": searchable(ACCOUNT) });
    renderApp("/accounts?q=%20cobalt%20", fetch);
    await screen.findByRole("link", { name: "Cobalt Ridge Health" });
    expect((screen.getByRole("searchbox", { name: "Search accounts" }) as HTMLInputElement).value).toBe(" cobalt ");
    expect(queries(fetch, "/api/accounts")[0]!.get("q")).toBe("cobalt");
  });

  it("Queue: searches within the tab and filters, keeps them in the address, and says so when nothing matches", async () => {
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/queue": searchable(listedItem),
      "GET /api/queue/counts": () => json(200, { open: 1, claimedByMe: 0, overdue: 0, assignedToMe: 1 }),
      "GET /api/directory": () => json(200, { items: [] }),
      "GET /api/directory/pools": () => json(200, { items: [] }),
      "GET /api/workflows": () => json(200, { items: [], nextCursor: null }),
    });
    renderApp("/queue?tab=pool&kind=approval", fetch);
    await screen.findByRole("list", { name: "Queue items" });
    fireEvent.input(screen.getByRole("searchbox", { name: "Search the queue" }), { target: { value: "nothing" } });
    expect(location.search).toBe("?tab=pool&kind=approval&q=nothing");
    await screen.findByText("“nothing”");
    expect(screen.getByText(/Searched the pool's items that match the filters\./)).toBeTruthy();
    const last = queries(fetch, "/api/queue").at(-1)!;
    expect([last.get("q"), last.get("assignee"), last.get("kind")]).toEqual(["nothing", "unassigned", "approval"]);
    // Escape empties the box at once; the tab and the kind stay.
    fireEvent.keyDown(screen.getByRole("searchbox", { name: "Search the queue" }), { key: "Escape" });
    await waitFor(() => expect(location.search).toBe("?tab=pool&kind=approval"));
    await screen.findByRole("list", { name: "Queue items" });
  });

  it("Outbox: keeps the search with the mode, links each e-mail with both, and offers to clear it when nothing matches", async () => {
    const fetch = fakeFetch({ "GET /api/me": () => json(200, ADMIN), "GET /api/outbox": searchable(email) });
    renderApp("/outbox?mode=live&q=cobalt", fetch);
    const list = await screen.findByRole("list", { name: "E-mails, newest first" });
    expect(within(list).getByRole("link").getAttribute("href")).toBe("/outbox?mode=live&q=cobalt&id=em_1");
    expect(queries(fetch, "/api/outbox")[0]!.get("q")).toBe("cobalt");
    fireEvent.input(screen.getByRole("searchbox", { name: "Search e-mails" }), { target: { value: "nothing" } });
    await screen.findByText("“nothing”");
    expect(screen.getByText(/Searched live e-mails only/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Clear search" }));
    await waitFor(() => expect(location.search).toBe("?mode=live"));
    await screen.findByRole("list", { name: "E-mails, newest first" });
  });
});
