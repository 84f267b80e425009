import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, fakeFetch, json, renderApp } from "./helpers";

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
  createdAt: new Date().toISOString(),
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
});
