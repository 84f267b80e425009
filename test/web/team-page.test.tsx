import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { ADMIN, apiError, fakeFetch, json, renderApp } from "./helpers";

const user = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  email: `${id}@example.com`,
  role: "csm",
  active: true,
  outOfOffice: false,
  createdAt: "2026-01-01T00:00:00Z",
  ...extra,
});

function server(overrides: Record<string, Parameters<typeof fakeFetch>[0][string]> = {}) {
  let users = [{ ...user("u_admin", "Ada Admin"), role: "admin", email: ADMIN.email }, user("u_b", "Ben Brown"), user("u_c", "Cleo Cruz", { outOfOffice: true })];
  let pools = [{ id: "p1", name: "Senior CSMs", members: [{ userId: "u_b", weight: 2, capacity: 10 }] }];
  return fakeFetch({
    "GET /api/me": () => json(200, ADMIN),
    "GET /api/users": () => json(200, { items: users, nextCursor: null }),
    "GET /api/pools": () => json(200, { items: pools, nextCursor: null }),
    "PATCH /api/users/u_b": ({ body }) => {
      users = users.map((u) => (u.id === "u_b" ? { ...u, ...(body as object) } : u));
      return json(200, { user: users.find((u) => u.id === "u_b") });
    },
    "POST /api/pools": ({ body }) => {
      const pool = { id: "p2", ...(body as { name: string; members: [] }) };
      pools = [...pools, pool];
      return json(201, pool);
    },
    "DELETE /api/pools/p1": () => new Response(null, { status: 204 }),
    ...overrides,
  });
}

/** The users-table row whose first cell names `name`. */
const row = (name: string) =>
  within(screen.getByRole("table", { name: "Users" }))
    .getAllByRole("row")
    .find((tr) => tr.querySelector("td")?.textContent?.startsWith(name)) as HTMLElement;

describe("Team page", () => {
  it("lists users with role, status and out-of-office, and locks the admin's own row", async () => {
    renderApp("/team", server());
    await screen.findByRole("table", { name: "Users" });
    const ben = row("Ben Brown");
    expect(within(ben).getByText("u_b@example.com")).toBeTruthy();
    expect((within(ben).getByLabelText("Role for Ben Brown") as HTMLSelectElement).value).toBe("csm");
    expect(within(ben).getByText("Active")).toBeTruthy();
    expect((screen.getByRole("switch", { name: "Out of office: Cleo Cruz" }) as HTMLInputElement).checked).toBe(true);
    const me = row("Ada Admin");
    expect(within(me).getByText("You")).toBeTruthy();
    expect((within(me).getByLabelText("Role for Ada Admin") as HTMLSelectElement).disabled).toBe(true);
    expect((within(me).getByRole("button", { name: "Deactivate Ada Admin" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("changes a role inline and confirms with a toast", async () => {
    const fetch = server();
    renderApp("/team", fetch);
    fireEvent.change(await screen.findByLabelText("Role for Ben Brown"), { target: { value: "admin" } });
    await screen.findByText("Ben Brown is now an admin");
    expect(fetch.calls.find((c) => c.method === "PATCH")).toMatchObject({ path: "/api/users/u_b", body: { role: "admin" } });
  });

  it("asks before deactivating, then shows the user as deactivated", async () => {
    const fetch = server();
    renderApp("/team", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Deactivate Ben Brown" }));
    const dialog = screen.getByRole("alertdialog", { name: "Deactivate Ben Brown?" });
    expect(fetch.calls.some((c) => c.method === "PATCH")).toBe(false);
    fireEvent.click(within(dialog).getByRole("button", { name: "Deactivate user" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(within(row("Ben Brown")).getByText("Deactivated")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reactivate Ben Brown" })).toBeTruthy();
    expect(fetch.calls.find((c) => c.method === "PATCH")?.body).toEqual({ active: false });
  });

  it("puts a switch back and explains when the server refuses", async () => {
    renderApp("/team", server({ "PATCH /api/users/u_b": () => apiError(409, "conflict", "Ben has open tasks.") }));
    const toggle = (await screen.findByRole("switch", { name: "Out of office: Ben Brown" })) as HTMLInputElement;
    fireEvent.click(toggle);
    expect(await screen.findByText("Ben has open tasks.")).toBeTruthy();
    expect(toggle.checked).toBe(false);
  });

  it("lists pools and creates one with members", async () => {
    const fetch = server();
    renderApp("/team", fetch);
    const pools = await screen.findByRole("table", { name: "CSM pools" });
    expect(within(pools).getByText("Senior CSMs")).toBeTruthy();
    expect(within(pools).getByText("×2 · cap 10")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Create pool" }));
    const dialog = screen.getByRole("dialog", { name: "Create pool" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save pool" }));
    expect(await within(dialog).findByText("Give the pool a name.")).toBeTruthy();

    fireEvent.input(within(dialog).getByLabelText("Pool name", { exact: false }), { target: { value: "General pool" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Add member" }));
    const weight = await within(dialog).findByLabelText(/^Weight for/);
    fireEvent.input(weight, { target: { value: "3" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save pool" }));

    await screen.findByText("Pool “General pool” created");
    expect(fetch.calls.find((c) => c.method === "POST" && c.path === "/api/pools")?.body).toEqual({
      name: "General pool",
      members: [{ userId: "u_admin", weight: 3, capacity: null }],
    });
    expect(within(screen.getByRole("table", { name: "CSM pools" })).getByText("General pool")).toBeTruthy();
  });

  it("deletes a pool after confirmation", async () => {
    renderApp("/team", server());
    fireEvent.click(await screen.findByRole("button", { name: "Delete pool Senior CSMs" }));
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete pool" }));
    await screen.findByText("No pools yet");
  });
});
