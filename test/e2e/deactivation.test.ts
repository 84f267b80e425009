import { describe, expect, it } from "vitest";
import { axeProblems, screenshot, signIn, useBrowser } from "./browser";
import { api, apiLogin, createWorkflow, deal, runUntilTask, unique, waitFor } from "./queue-fixtures";

const browser = useBrowser();

describe("Team → deactivating a CSM who holds work (browser)", () => {
  it("the dialog says what they hold; afterwards their item waits unassigned for an admin and their account shows “CSM inactive”", async () => {
    const id = unique();
    const name = `Dana Departing ${id}`;
    const company = `Leaver Labs ${id}`;
    const admin = await apiLogin("admin@example.com");
    const created = await api<{ user: { id: string } }>(admin, "POST", "/api/users", { email: `dana.${id}@example.com`, name, role: "csm", password: `leaving-${id}-pass` });
    const dana = created.user.id;
    const pool = await api<{ id: string }>(admin, "POST", "/api/pools", { name: `Departing pod ${id}`, members: [{ userId: dana, weight: 1, capacity: null }] });
    // A run that makes Dana the account's CSM, then waits on her approval (assigned to her by name, no pool).
    const wf = await createWorkflow(
      admin,
      `Deactivation ${id}`,
      [
        { id: "account", type: "action.create_account", config: {} },
        { id: "route", type: "action.assign_csm", config: { poolId: pool.id, strategy: "round_robin" } },
        { id: "approve", type: "human.approval", name: "Dana signs off", config: { title: "Sign off {{deal.company.name}}", assignee: { userId: dana } } },
        { id: "done", type: "end", config: {} },
        { id: "stop", type: "end", config: { outcome: "failed", reason: "stopped" } },
      ],
      [
        ["account", undefined, "route"],
        ["route", "out", "approve"],
        ["route", "none", "stop"],
        ["approve", "approved", "done"],
        ["approve", "rejected", "stop"],
        ["approve", "timeout", "stop"],
      ],
    );
    const { item } = await runUntilTask(admin, wf, deal(company));
    const open = await api<{ assigneeId: string | null }>(admin, "GET", `/api/queue/${item.id}`);
    expect(open.assigneeId).toBe(dana);

    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    await page.goto("/team");
    await page.getByRole("button", { name: `Deactivate ${name}` }).click();
    const dialog = page.getByRole("alertdialog", { name: `Deactivate ${name}?` });
    // Her one queue item counts; the account is a test run's, and the count is of live accounts.
    await dialog.getByText(`${name} holds 1 open queue item and is the CSM of no accounts.`).waitFor();
    await dialog.getByText(/go back to the pool they came from, or wait unassigned for an admin to assign/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "team-deactivate-dialog");
    await dialog.getByRole("button", { name: "Deactivate user" }).click();
    await page.getByText(`${name} was deactivated`).waitFor();
    await page.getByText("1 item waits for an admin to assign in Queue → Unassigned.").waitFor();
    await page.getByRole("button", { name: `Reactivate ${name}` }).waitFor();

    // The item is nobody's now: an admin sees why on its page and can assign it.
    const moved = await waitFor("the item to be handed back", async () => {
      const row = await api<{ assigneeId: string | null; poolId: string | null; status: string }>(admin, "GET", `/api/queue/${item.id}`);
      return row.assigneeId === null ? row : null;
    });
    expect(moved).toMatchObject({ poolId: null, status: "open" });
    await page.goto(`/queue/${item.id}`);
    await page.getByText(`${name} was deactivated; unassigned until an admin assigns it.`).waitFor();
    await page.getByRole("button", { name: /^Reassign/ }).first().waitFor();

    // Her account is marked, and the “CSM inactive” filter finds it for handing over.
    await page.goto("/accounts?test=1");
    await page.getByLabel("CSM").selectOption({ label: "CSM inactive" });
    await page.waitForURL(/csm=inactive/);
    const row = page.getByRole("table", { name: "Accounts" }).getByRole("row").filter({ hasText: company });
    await row.waitFor();
    await row.getByText(name).waitFor();
    await row.getByText("CSM inactive").waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "accounts-csm-inactive");
    // Its page says so next to Change CSM, where the admin hands it over.
    await row.getByRole("link", { name: new RegExp(`^${company}`) }).click();
    await page.getByText(`${name} was deactivated: hand the account to someone with Change CSM.`, { exact: false }).waitFor();
    await page.getByRole("button", { name: "Change CSM" }).waitFor();
    expect(errors).toEqual([]);
  }, 90_000);
});
