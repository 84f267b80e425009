import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { ADMIN, CSM, apiError, fakeFetch, json, renderApp } from "./helpers";

const emptyLists = {
  "GET /api/users": () => json(200, { items: [], nextCursor: null }),
  "GET /api/pools": () => json(200, { items: [], nextCursor: null }),
};

describe("app frame", () => {
  it("sends a signed-out visitor to /login with the page to come back to", async () => {
    renderApp("/team?tab=pools", fakeFetch({ "GET /api/me": () => apiError(401, "unauthenticated", "Sign in") }));
    await waitFor(() => expect(location.pathname).toBe("/login"));
    expect(new URLSearchParams(location.search).get("next")).toBe("/team?tab=pools");
    expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
  });

  it("shows admins the Team page in the Main nav, with who is signed in", async () => {
    renderApp("/team", fakeFetch({ "GET /api/me": () => json(200, ADMIN), ...emptyLists }));
    const nav = await screen.findByRole("navigation", { name: "Main" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((a) => a.textContent)).toEqual(["Workflows", "Runs", "Queue", "Accounts", "Templates", "Connectors", "Team", "Outbox", "Settings"]);
    expect(links.find((a) => a.textContent === "Team")?.getAttribute("aria-current")).toBe("page");
    expect(screen.getByText("Ada Admin")).toBeTruthy();
    expect(screen.getByText("Admin")).toBeTruthy();
    expect(await screen.findByRole("heading", { level: 1, name: "Team" }, { timeout: 10_000 })).toBeTruthy();
  });

  it("never shows CSMs admin pages, and answers a deep link with no-access", async () => {
    renderApp("/team", fakeFetch({ "GET /api/me": () => json(200, CSM), ...emptyLists }));
    expect(await screen.findByRole("heading", { name: "You don't have access to this page" })).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(within(nav).queryByRole("link", { name: "Team" })).toBeNull();
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(["Queue", "Accounts"]);
  });

  it("renders a 404 page for unknown addresses inside the app", async () => {
    renderApp("/no/such/page", fakeFetch({ "GET /api/me": () => json(200, CSM) }));
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeTruthy();
    expect(screen.getByRole("navigation", { name: "Main" })).toBeTruthy();
  });

  it("offers a retry when the server cannot be reached", async () => {
    let up = false;
    renderApp("/", fakeFetch({ "GET /api/me": () => (up ? json(200, CSM) : new Response("down", { status: 503 })) }));
    const retry = await screen.findByRole("button", { name: "Try again" });
    up = true;
    fireEvent.click(retry);
    // A CSM's home is the Queue Dashboard.
    // The page is a lazy chunk: on a busy machine its first transform can take a few seconds.
    expect(await screen.findByRole("heading", { level: 1, name: "Queue" }, { timeout: 10_000 })).toBeTruthy();
  });

  it("signs out through the API and lands on /login without a next", async () => {
    const fetch = fakeFetch({ "GET /api/me": () => json(200, CSM), "POST /api/auth/logout": () => new Response(null, { status: 204 }) });
    renderApp("/", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(location.pathname + location.search).toBe("/login"));
    expect(fetch.calls.some((c) => c.method === "POST" && c.path === "/api/auth/logout")).toBe(true);
  });

  it("goes to sign-in when a later call finds the session gone", async () => {
    renderApp("/team", fakeFetch({ "GET /api/me": () => json(200, ADMIN), "GET /api/users": () => apiError(401, "unauthenticated", "Expired"), "GET /api/pools": emptyLists["GET /api/pools"] }));
    await waitFor(() => expect(location.pathname).toBe("/login"));
    expect(new URLSearchParams(location.search).get("next")).toBe("/team");
  });
});
