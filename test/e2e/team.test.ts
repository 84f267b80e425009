import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, newPage, screenshot, signIn } from "./browser";
import { unique } from "./queue-fixtures";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("Team → a new CSM (browser)", () => {
  it("an admin creates a CSM and a pool on the Team page; that CSM signs in and is offered no admin pages", async () => {
    const id = unique();
    const name = `Quinn Newhire ${id}`;
    const email = `quinn.${id}@example.com`;
    const password = `welcome-${id}-pass`;
    const pool = `Onboarding pod ${id}`;

    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.goto("/team");
    await page.getByRole("heading", { level: 1, name: "Team" }).waitFor();

    await page.getByRole("button", { name: "Add user" }).click();
    const addUser = page.getByRole("dialog", { name: "Add user" });
    await addUser.getByLabel("Full name").fill(name);
    await addUser.getByLabel("Email").fill(email);
    await addUser.getByLabel("Role").selectOption("csm");
    await addUser.getByLabel("Initial password").fill(password);
    await addUser.getByRole("button", { name: "Create user" }).click();
    await page.getByText(`${name} was added`).waitFor();
    await page.getByRole("table", { name: "Users" }).getByText(email).waitFor();

    await page.getByRole("button", { name: "Create pool" }).click();
    const poolDialog = page.getByRole("dialog", { name: "Create pool" });
    await poolDialog.getByLabel("Pool name").fill(pool);
    await poolDialog.getByRole("button", { name: "Add member" }).click();
    await poolDialog.getByLabel("User for row 1").selectOption({ label: `${name} · CSM` });
    await poolDialog.getByRole("button", { name: "Save pool" }).click();
    await page.getByRole("table", { name: "CSM pools" }).getByText(pool).waitFor();
    expect(errors).toEqual([]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login");

    const csm = await newPage(browser);
    await signIn(csm.page, email, password);
    await csm.page.waitForURL("**/queue");
    await csm.page.getByRole("heading", { level: 1, name: "Queue" }).waitFor();
    const nav = csm.page.getByRole("navigation", { name: "Main" });
    const links = (await nav.getByRole("link").allTextContents()).map((t) => t.replace(/\d+.*$/, "").trim());
    expect(links).toEqual(["Queue", "Accounts"]);
    for (const adminPage of ["Workflows", "Runs", "Templates", "Team", "Outbox", "Connectors"]) {
      expect(await nav.getByRole("link", { name: adminPage }).count()).toBe(0);
    }
    // Their pool's items are theirs to see: the Pool tab exists and loads.
    await csm.page.getByRole("tab", { name: "Pool" }).click();
    await csm.page.waitForURL(/tab=pool/);
    await screenshot(csm.page, "new-csm-queue");

    // A deep link to an admin page answers "no access" rather than the page.
    await csm.page.goto("/team");
    await csm.page.getByRole("heading", { name: "You don't have access to this page" }).waitFor();
    await csm.page.goto("/templates");
    await csm.page.getByRole("heading", { name: "You don't have access to this page" }).waitFor();
    expect(csm.errors).toEqual([]);
  });
});
