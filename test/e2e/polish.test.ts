import { describe, expect, it } from "vitest";
import { signIn, useBrowser } from "./browser";
import { api, apiLogin, unique } from "./queue-fixtures";

const browser = useBrowser();

describe("template editor: leaving with unsaved changes (browser)", () => {
  it("Back asks first: Stay keeps the page and the edit, Leave goes where Back pointed", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    await page.goto("/templates");
    await page.getByRole("link", { name: /Standard/ }).first().click();
    await page.waitForURL(/\/templates\/(?!new)[^/]+$/);
    const editor = new URL(page.url()).pathname;
    const name = page.getByLabel("Name", { exact: true });
    await name.fill("Standard onboarding (edited)");
    await page.getByText("Unsaved changes").waitFor();

    await page.goBack();
    const dialog = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await dialog.waitFor();
    expect(new URL(page.url()).pathname).toBe(editor);
    await dialog.getByRole("button", { name: "Stay" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(new URL(page.url()).pathname).toBe(editor);
    expect(await name.inputValue()).toBe("Standard onboarding (edited)");

    // The sidebar asks the same way.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workflows" }).click();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Stay" }).click();
    await dialog.waitFor({ state: "detached" });

    await page.goBack();
    await dialog.getByRole("button", { name: "Leave" }).click();
    await page.waitForURL((u) => u.pathname === "/templates");
    await page.getByRole("heading", { level: 1, name: "Templates" }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe("Team: name and out-of-office with a last day (browser)", () => {
  it("an admin renames a CSM and sets them away until a date; the table says until when, after a reload too", async () => {
    const id = unique();
    const admin = await apiLogin("admin@example.com");
    await api(admin, "POST", "/api/users", { email: `rita.${id}@example.com`, name: `Rita Typo ${id}`, role: "csm", password: `pass-${id}-word` });
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    await page.goto("/team");
    await page.getByRole("button", { name: `Edit Rita Typo ${id}` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit Rita Typo ${id}` });
    await dialog.getByLabel("Full name").fill(`Rita Tapio ${id}`);
    await dialog.getByLabel("Out of office").check();
    const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel("Last day away (optional)").fill(until);
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });

    const row = page.getByRole("row").filter({ hasText: `Rita Tapio ${id}` });
    const label = row.getByText(/^Out of office until /);
    await label.waitFor();
    expect(await label.textContent()).toContain(String(Number(until.slice(8))));
    await page.reload();
    await row.getByText(/^Out of office until /).waitFor();
    expect(await row.getByRole("switch").isChecked()).toBe(true);
    const users = await api<{ items: { name: string; outOfOffice: boolean; outOfOfficeUntil: string | null }[] }>(admin, "GET", "/api/users?limit=200");
    expect(users.items.find((u) => u.name === `Rita Tapio ${id}`)).toMatchObject({ outOfOffice: true, outOfOfficeUntil: until });
    expect(errors).toEqual([]);
  });
});
