import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { ADMIN, apiError, fakeFetch, json, renderApp } from "./helpers";
import { awayLabel, formatReturnDay, isAway, latestReturnDay, localToday, returnDayProblem } from "../../web/pages/team/out-of-office";

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

  it("changes a role inline, asking before it makes anyone an admin, and confirms with a toast", async () => {
    const fetch = server();
    renderApp("/team", fetch);
    const select = (await screen.findByLabelText("Role for Ben Brown")) as HTMLSelectElement;
    // A stray change (an arrow key on the focused select) grants nothing: cancelled, it goes back.
    fireEvent.change(select, { target: { value: "admin" } });
    fireEvent.click(within(await screen.findByRole("alertdialog", { name: "Make Ben Brown an admin?" })).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(select.value).toBe("csm");
    expect(fetch.calls.some((c) => c.method === "PATCH")).toBe(false);
    fireEvent.change(select, { target: { value: "admin" } });
    fireEvent.click(within(await screen.findByRole("alertdialog", { name: "Make Ben Brown an admin?" })).getByRole("button", { name: "Make admin" }));
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
      // The new row starts on a CSM who is in (Ben), not on the admin who sorts first.
      members: [{ userId: "u_b", weight: 3, capacity: null }],
    });
    expect(within(screen.getByRole("table", { name: "CSM pools" })).getByText("General pool")).toBeTruthy();
  });

  it("deletes a pool after confirmation", async () => {
    renderApp("/team", server());
    fireEvent.click(await screen.findByRole("button", { name: "Delete pool Senior CSMs" }));
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete pool" }));
    await screen.findByText("No pools yet");
  });

  it("renaming yourself updates the name the sidebar shows you signed in as", async () => {
    const fetch = server({ "PATCH /api/users/u_admin": ({ body }) => json(200, { user: { ...user("u_admin", "Ada Admin"), role: "admin", email: ADMIN.email, ...(body as object) } }) });
    renderApp("/team", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Edit Ada Admin" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Ada Admin" });
    fireEvent.input(within(dialog).getByLabelText("Full name"), { target: { value: "Ada Lovelace" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(document.querySelector(".sidebar__name")?.textContent).toBe("Ada Lovelace"));
  });

  it("edits a user's name and sets an out-of-office with its last day, shown under the name", async () => {
    const fetch = server();
    renderApp("/team", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Edit Ben Brown" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Ben Brown" });
    fireEvent.input(within(dialog).getByLabelText("Full name"), { target: { value: "Ben Browne" } });
    expect(within(dialog).queryByLabelText("Last day away (optional)")).toBeNull();
    fireEvent.click(within(dialog).getByLabelText("Out of office"));
    const date = within(dialog).getByLabelText("Last day away (optional)") as HTMLInputElement;
    expect(date.type).toBe("date");
    const today = localToday();
    expect(date.min).toBe(today);
    expect(date.max).toBe(latestReturnDay(today));

    // A day already over is refused before anything is sent.
    fireEvent.input(date, { target: { value: "2020-01-01" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("The return date is in the past.")).toBeTruthy();
    expect(fetch.calls.some((c) => c.method === "PATCH")).toBe(false);

    const until = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    fireEvent.input(date, { target: { value: until } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fetch.calls.find((c) => c.method === "PATCH")).toMatchObject({ path: "/api/users/u_b", body: { name: "Ben Browne", outOfOffice: true, outOfOfficeUntil: until } });
    const ben = row("Ben Browne");
    const label = within(ben).getByText(/^Out of office until /);
    expect(label.textContent).toContain(String(Number(until.slice(8))));
    expect((within(ben).getByRole("switch") as HTMLInputElement).checked).toBe(true);
  });

  it("changes a user's sign-in e-mail, checking it first and showing an address already in use on the field", async () => {
    let tries = 0;
    const fetch = server({
      "PATCH /api/users/u_b": ({ body }) =>
        ++tries === 1 ? apiError(409, "email_taken", "That e-mail is already in use.") : json(200, { user: { ...user("u_b", "Ben Brown"), email: (body as { email: string }).email.toLowerCase() } }),
    });
    renderApp("/team", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Edit Ben Brown" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Ben Brown" });
    const email = within(dialog).getByLabelText("Email") as HTMLInputElement;
    expect(email.value).toBe("u_b@example.com");
    fireEvent.input(email, { target: { value: "ben at example" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("Enter an email address like name@company.com.")).toBeTruthy();
    expect(fetch.calls.some((c) => c.method === "PATCH")).toBe(false);

    fireEvent.input(email, { target: { value: "cleo@example.com" } });
    expect(within(dialog).getByText(/They sign in with this address from now on/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("That e-mail is already in use")).toBeTruthy();
    expect(email.getAttribute("aria-invalid")).toBe("true");

    fireEvent.input(email, { target: { value: "Ben.Brown@Example.com" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fetch.calls.filter((c) => c.method === "PATCH").map((c) => c.body)).toEqual([
      { outOfOffice: false, email: "cleo@example.com" },
      { outOfOffice: false, email: "Ben.Brown@Example.com" },
    ]);
    expect(within(row("Ben Brown")).getByText("ben.brown@example.com")).toBeTruthy();
  });

  it("shows the server's refusal of a return date on the field", async () => {
    renderApp(
      "/team",
      server({ "PATCH /api/users/u_b": () => apiError(422, "validation_failed", "The request is not valid.", [{ path: "outOfOfficeUntil", message: "The return date can be at most a year ahead." }]) }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Edit Ben Brown" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Ben Brown" });
    fireEvent.click(within(dialog).getByLabelText("Out of office"));
    fireEvent.input(within(dialog).getByLabelText("Last day away (optional)"), { target: { value: localToday() } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("The return date can be at most a year ahead.")).toBeTruthy();
    expect(within(dialog).getByLabelText("Last day away (optional)").getAttribute("aria-invalid")).toBe("true");
  });

  it("shows an out-of-office whose last day has passed as back, and one still running with its date", async () => {
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const users = [
      { ...user("u_admin", "Ada Admin"), role: "admin", email: ADMIN.email },
      user("u_d", "Dana Diaz", { outOfOffice: true, outOfOfficeUntil: "2020-03-01" }),
      user("u_e", "Eli Evans", { outOfOffice: true, outOfOfficeUntil: future }),
    ];
    const pools = [{ id: "p1", name: "Senior CSMs", members: [{ userId: "u_d", name: "Dana Diaz", weight: 1, capacity: null, outOfOffice: false, active: true }, { userId: "u_e", name: "Eli Evans", weight: 1, capacity: null, outOfOffice: true, active: true }] }];
    const fetch = server({
      "GET /api/users": () => json(200, { items: users, nextCursor: null }),
      "GET /api/pools": () => json(200, { items: pools, nextCursor: null }),
      "PATCH /api/users/u_d": ({ body }) => json(200, { user: { ...users[1], ...(body as object) } }),
    });
    renderApp("/team", fetch);
    await screen.findByRole("table", { name: "Users" });
    // The pools table agrees with the users table: Dana is back, Eli is away.
    const members = await screen.findByRole("list", { name: "Members of Senior CSMs" });
    const chip = (name: string) => within(members).getByText(name).closest("li") as HTMLElement;
    expect(within(chip("Dana Diaz")).queryByText("Out of office")).toBeNull();
    expect(within(chip("Eli Evans")).getByText("Out of office")).toBeTruthy();
    const dana = screen.getByRole("switch", { name: "Out of office: Dana Diaz" }) as HTMLInputElement;
    expect(dana.checked).toBe(false);
    expect(within(row("Dana Diaz")).queryByText(/^Out of office until/)).toBeNull();
    expect((screen.getByRole("switch", { name: "Out of office: Eli Evans" }) as HTMLInputElement).checked).toBe(true);
    expect(within(row("Eli Evans")).getByText(/^Out of office until /)).toBeTruthy();
    // Switching Dana on again starts an open-ended out-of-office, not the old, passed one.
    fireEvent.click(dana);
    await screen.findByText("Dana Diaz is out of office");
    expect(fetch.calls.find((c) => c.method === "PATCH")?.body).toEqual({ outOfOffice: true, outOfOfficeUntil: null });
  });
});

describe("out-of-office dates", () => {
  const today = "2026-12-04";
  it("an out-of-office lasts through its last day, and reads as a date with the year only when it is not this year's", () => {
    expect(isAway({ outOfOffice: true, outOfOfficeUntil: "2026-12-04" }, today)).toBe(true);
    expect(isAway({ outOfOffice: true, outOfOfficeUntil: "2026-12-03" }, today)).toBe(false);
    expect(isAway({ outOfOffice: true, outOfOfficeUntil: null }, today)).toBe(true);
    expect(isAway({ outOfOffice: false, outOfOfficeUntil: null }, today)).toBe(false);
    expect(formatReturnDay("2026-12-08", today)).toMatch(/^(8 December|December 8)$/);
    expect(formatReturnDay("2027-01-03", today)).toMatch(/2027/);
    expect(awayLabel({ outOfOffice: true, outOfOfficeUntil: "2026-12-08" }, today)).toMatch(/^Out of office until (8 December|December 8)$/);
    expect(awayLabel({ outOfOffice: true, outOfOfficeUntil: null }, today)).toBe("Out of office");
  });

  it("takes today to a year ahead, like the server", () => {
    expect(latestReturnDay(today)).toBe("2027-12-04");
    expect(returnDayProblem("", today)).toBeNull();
    expect(returnDayProblem(today, today)).toBeNull();
    expect(returnDayProblem("2027-12-04", today)).toBeNull();
    expect(returnDayProblem("2026-12-03", today)).toBe("The return date is in the past.");
    expect(returnDayProblem("2027-12-05", today)).toBe("The return date can be at most a year ahead.");
    expect(returnDayProblem("soon", today)).toBe("Use a calendar date.");
    expect(localToday(new Date(2026, 11, 4, 23, 30))).toBe(today);
  });
});
