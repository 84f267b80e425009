import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, CSM, fakeFetch, json, renderApp } from "./helpers";
import { handedBackSentence, openWorkSentence } from "../../web/pages/team/deactivation";

const ben = { id: "u_b", name: "Ben Brown", email: "ben@example.com", role: "csm", active: true, outOfOffice: false, outOfOfficeUntil: null, createdAt: "2026-01-01T00:00:00Z" };
const admin = { ...ben, id: ADMIN.id, name: ADMIN.name, email: ADMIN.email, role: "admin" };

describe("deactivation wording", () => {
  it("says what a person holds, in singular and plural, and what deactivation did with it", () => {
    expect(openWorkSentence("Ben Brown", { queueItems: 3, accounts: 12 })).toBe("Ben Brown holds 3 open queue items and is the CSM of 12 accounts.");
    expect(openWorkSentence("Ben Brown", { queueItems: 1, accounts: 0 })).toBe("Ben Brown holds 1 open queue item and is the CSM of no accounts.");
    expect(openWorkSentence("Ben Brown", { queueItems: 0, accounts: 1 })).toBe("Ben Brown holds no open queue items and is the CSM of 1 account.");
    expect(openWorkSentence("Ben Brown", { queueItems: 0, accounts: 0 })).toBe("Ben Brown holds no open queue items and is the CSM of no accounts.");
    expect(handedBackSentence({ toPool: 2, unassigned: 1, failed: 0 }, 12)).toBe(
      "2 items went back to their pools. 1 item waits for an admin to assign in Queue → Unassigned. 12 accounts need a new CSM: Accounts → CSM inactive.",
    );
    expect(handedBackSentence({ toPool: 1, unassigned: 0, failed: 2 }, 1)).toBe(
      "1 item went back to its pool. 2 items could not be moved yet; they are retried within 5 minutes, or reassign them from the Queue. 1 account needs a new CSM: Accounts → CSM inactive.",
    );
    expect(handedBackSentence({ toPool: 0, unassigned: 0, failed: 0 }, 0)).toBeUndefined();
    expect(handedBackSentence(undefined, null)).toBeUndefined();
  });
});

describe("Team page → Deactivate", () => {
  it("the confirmation says how many open items and accounts they hold, links their accounts, and the toast says where the items went", async () => {
    let users = [admin, ben];
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/users": () => json(200, { items: users, nextCursor: null }),
      "GET /api/pools": () => json(200, { items: [], nextCursor: null }),
      "GET /api/users/u_b/open-work": () => json(200, { queueItems: 3, accounts: 12 }),
      "PATCH /api/users/u_b": () => {
        users = users.map((u) => (u.id === "u_b" ? { ...u, active: false } : u));
        return json(200, { user: { ...ben, active: false }, handedBack: { toPool: 2, unassigned: 1, failed: 0 } });
      },
    });
    renderApp("/team", fetch);
    fireEvent.click(await screen.findByRole("button", { name: "Deactivate Ben Brown" }));
    const dialog = screen.getByRole("alertdialog", { name: "Deactivate Ben Brown?" });
    expect(await within(dialog).findByText("Ben Brown holds 3 open queue items and is the CSM of 12 accounts.")).toBeTruthy();
    expect(within(dialog).getByText(/go back to the pool they came from, or wait unassigned for an admin to assign/)).toBeTruthy();
    expect(within(dialog).getByRole("link", { name: "accounts with an inactive CSM" }).getAttribute("href")).toBe("/accounts?csm=inactive");
    expect(fetch.calls.some((c) => c.method === "PATCH")).toBe(false);

    fireEvent.click(within(dialog).getByRole("button", { name: "Deactivate user" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(fetch.calls.find((c) => c.method === "PATCH")?.body).toEqual({ active: false });
    expect(await screen.findByText("Ben Brown was deactivated")).toBeTruthy();
    expect(
      screen.getByText("2 items went back to their pools. 1 item waits for an admin to assign in Queue → Unassigned. 12 accounts need a new CSM: Accounts → CSM inactive."),
    ).toBeTruthy();
    expect(screen.getByRole("button", { name: "Reactivate Ben Brown" })).toBeTruthy();
  });

  it("a person holding nothing is said to hold nothing, and their accounts are not linked", async () => {
    renderApp(
      "/team",
      fakeFetch({
        "GET /api/me": () => json(200, ADMIN),
        "GET /api/users": () => json(200, { items: [admin, ben], nextCursor: null }),
        "GET /api/pools": () => json(200, { items: [], nextCursor: null }),
        "GET /api/users/u_b/open-work": () => json(200, { queueItems: 0, accounts: 0 }),
      }),
    );
    fireEvent.click(await screen.findByRole("button", { name: "Deactivate Ben Brown" }));
    const dialog = screen.getByRole("alertdialog", { name: "Deactivate Ben Brown?" });
    expect(await within(dialog).findByText("Ben Brown holds no open queue items and is the CSM of no accounts.")).toBeTruthy();
    expect(within(dialog).queryByRole("link")).toBeNull();
  });
});

const account = (id: string, csm: { id: string; name: string; email: string }) => ({
      id,
      mode: "live",
      name: `Account ${id}`,
      domain: null,
      arr: null,
      segment: null,
      region: null,
      primaryContact: null,
      csm,
      csmReason: null,
      csmByHand: false,
      template: null,
      plan: [],
      startDate: null,
      source: { connector: "hubspot", objectId: id, url: null },
      createdAt: "2026-01-05T10:00:00Z",
      updatedAt: "2026-01-05T10:00:00Z",
    });
const GONE = { id: "u_gone", name: "Gone Person", email: "gone@example.com" };
// The directory lists active people only.
const DIRECTORY = () => json(200, { items: [{ id: CSM.id, name: CSM.name, email: CSM.email, role: "csm", outOfOffice: false }] });

describe("Accounts → CSM inactive", () => {
  beforeAll(async () => {
    await Promise.all([import("../../web/pages/accounts"), import("../../web/pages/accounts-detail")]);
  });

  it("marks accounts whose CSM was deactivated and filters to them", async () => {
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/accounts": () => json(200, { items: [account("acc_active", { id: CSM.id, name: CSM.name, email: CSM.email }), account("acc_gone", GONE)], nextCursor: null }),
      "GET /api/directory": DIRECTORY,
    });
    renderApp("/accounts", fetch);
    const table = await screen.findByRole("table", { name: "Accounts" });
    const row = (name: string) => within(table).getByRole("link", { name }).closest("tr") as HTMLElement;
    await waitFor(() => expect(within(row("Account acc_gone")).getByText("CSM inactive")).toBeTruthy());
    expect(within(row("Account acc_active")).queryByText("CSM inactive")).toBeNull();

    fireEvent.change(screen.getByLabelText("CSM"), { target: { value: "inactive" } });
    await waitFor(() => expect(fetch.calls.some((c) => c.path === "/api/accounts?mode=live&csmId=inactive&limit=50")).toBe(true));
    expect(location.search).toBe("?csm=inactive");
  });

  it("an account's page says its hand-chosen CSM was deactivated, so routing no longer keeps them", async () => {
    const gone = { ...account("acc_gone", GONE), csmByHand: true, runs: [], decisions: [] };
    renderApp("/accounts/acc_gone", fakeFetch({ "GET /api/me": () => json(200, ADMIN), "GET /api/accounts/acc_gone": () => json(200, gone), "GET /api/directory": DIRECTORY }));
    expect(await screen.findByText(/Gone Person was deactivated: hand the account to someone with Change CSM\. A workflow that routes it again picks a new CSM\./)).toBeTruthy();
    expect(screen.getByText("CSM inactive")).toBeTruthy();
    expect(screen.queryByText(/workflows keep this CSM/)).toBeNull();
  });

  it("an active hand-chosen CSM is still said to be kept", async () => {
    const kept = { ...account("acc_kept", { id: CSM.id, name: CSM.name, email: CSM.email }), csmByHand: true, runs: [], decisions: [] };
    renderApp("/accounts/acc_kept", fakeFetch({ "GET /api/me": () => json(200, ADMIN), "GET /api/accounts/acc_kept": () => json(200, kept), "GET /api/directory": DIRECTORY }));
    expect(await screen.findByText("Chosen by a person: workflows keep this CSM when they route the account again.")).toBeTruthy();
    expect(screen.queryByText("CSM inactive")).toBeNull();
  });
});
