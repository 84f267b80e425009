import { describe, expect, it } from "vitest";
import { signIn, useBrowser } from "./browser";

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
