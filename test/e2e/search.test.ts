/**
 * Text search on the Accounts, Queue and Outbox pages, in Chromium against the real product: typing
 * narrows the list, the search is in the address (a reload keeps it, beside the page's other
 * filters), × or Escape clears it, a search with no match says so and offers to clear it, and each
 * page passes axe and fits a phone's width with the search box on it.
 */
import type { Locator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { axeProblems, screenshot, signIn, useBrowser } from "./browser";
import { apiLogin, createWorkflow, deal, demo, runUntilTask, unique } from "./queue-fixtures";

const browser = useBrowser();
const tag = unique();
/** Two test runs' companies: each run makes a test account, a test e-mail and a queue item named after it. */
const [ZEPHYR, QUORVANE] = [`Zephyrine ${tag} Labs`, `Quorvane ${tag} Health`];

beforeAll(async () => {
  const admin = await apiLogin("admin@example.com");
  const wf = await createWorkflow(
    admin,
    `E2E search ${tag}`,
    [
      { id: "account", type: "action.create_account", name: "Create account", config: {} },
      { id: "mail", type: "action.send_email", name: "Welcome e-mail", config: { to: "{{deal.primaryContact.email}}", subject: "Welcome aboard, {{deal.company.name}}", body: "Hello {{deal.primaryContact.name}}." } },
      { id: "approve", type: "human.approval", name: "Approval", config: { title: "Approve onboarding for {{deal.company.name}}", assignee: { userId: demo().users.admin }, dueInHours: 8 } },
      { id: "done", type: "end", config: {} },
      { id: "stop", type: "end", config: { outcome: "failed", reason: "Not approved" } },
    ],
    [
      ["account", undefined, "mail"],
      ["mail", undefined, "approve"],
      ["approve", "approved", "done"],
      ["approve", "rejected", "stop"],
      ["approve", "timeout", "stop"],
    ],
  );
  // Paused at the approval: the account and the e-mail are written by then. Each deal has its own
  // CRM id, or the second run would update the first one's account (one per record).
  for (const [i, company] of [ZEPHYR, QUORVANE].entries()) await runUntilTask(admin, wf, { ...deal(company), objectId: `search-${tag}-${i}` });
}, 60_000);

const q = (page: Page) => new URL(page.url()).searchParams.get("q");
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

/** Types like a person (key by key), so the box's debounce is what decides when the list is asked. */
async function typeSearch(box: Locator, text: string) {
  await box.click();
  await box.pressSequentially(text, { delay: 15 });
}

describe("List search (browser)", () => {
  it("Accounts: typing narrows the list, a reload keeps the search with the test filter, × clears it, and no match offers to clear", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    await page.goto("/accounts?test=1");
    const table = page.getByRole("table", { name: "Accounts" });
    const row = (name: string) => table.getByRole("row").filter({ hasText: name });
    await row(ZEPHYR).first().waitFor();
    await row(QUORVANE).first().waitFor();

    const box = page.getByRole("searchbox", { name: "Search accounts" });
    await typeSearch(box, ZEPHYR.toUpperCase()); // case does not matter
    await page.waitForURL((u) => u.searchParams.get("q") === ZEPHYR.toUpperCase());
    await row(QUORVANE).first().waitFor({ state: "detached" });
    await row(ZEPHYR).first().waitFor();
    expect(param(page, "test")).toBe("1");
    expect(await axeProblems(page)).toEqual([]);

    await page.reload();
    await expect.poll(() => box.inputValue()).toBe(ZEPHYR.toUpperCase());
    await row(ZEPHYR).first().waitFor();
    expect(await row(QUORVANE).count()).toBe(0);
    await expect(page.getByRole("switch", { name: "Show test accounts" }).isChecked()).resolves.toBe(true);

    await page.getByRole("button", { name: "Clear search" }).click();
    await page.waitForURL((u) => !u.searchParams.has("q"));
    expect(param(page, "test")).toBe("1");
    await row(QUORVANE).first().waitFor();
    await expect(box.inputValue()).resolves.toBe("");
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    await typeSearch(box, `nothing ${tag} 100%`);
    await page.getByText(`No accounts match “nothing ${tag} 100%”`).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole("button", { name: "Clear the search" }).click();
    await row(ZEPHYR).first().waitFor();
    expect(q(page)).toBeNull();
    expect(param(page, "test")).toBe("1");
    expect(errors).toEqual([]);
  });

  it("Queue: typing narrows the items in the tab, a reload keeps it, Escape clears it", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    await page.goto("/queue?test=1");
    const list = page.getByRole("list", { name: "Queue items" });
    const item = (company: string) => list.getByRole("link", { name: new RegExp(`Approve onboarding for ${company}`) });
    await item(ZEPHYR).waitFor();
    await item(QUORVANE).waitFor();

    const box = page.getByRole("searchbox", { name: "Search the queue" });
    await typeSearch(box, `for ${QUORVANE.toLowerCase()}`);
    await page.waitForURL((u) => u.searchParams.get("q") === `for ${QUORVANE.toLowerCase()}`);
    await item(ZEPHYR).waitFor({ state: "detached" });
    await item(QUORVANE).waitFor();
    expect(param(page, "test")).toBe("1");
    expect(await axeProblems(page)).toEqual([]);

    await page.reload();
    await expect.poll(() => box.inputValue()).toBe(`for ${QUORVANE.toLowerCase()}`);
    await item(QUORVANE).waitFor();
    expect(await item(ZEPHYR).count()).toBe(0);

    // Opening an item keeps the search on the list beside it.
    await item(QUORVANE).click();
    await page.getByRole("heading", { level: 2, name: `Approve onboarding for ${QUORVANE}` }).waitFor();
    expect(q(page)).toBe(`for ${QUORVANE.toLowerCase()}`);
    expect(await item(ZEPHYR).count()).toBe(0);

    await box.focus();
    await page.keyboard.press("Escape");
    await page.waitForURL((u) => !u.searchParams.has("q"));
    expect(param(page, "test")).toBe("1");
    await item(ZEPHYR).waitFor();
    await expect(box.inputValue()).resolves.toBe("");
    expect(errors).toEqual([]);
  });

  it("Outbox: typing narrows the e-mails, a reload keeps it with the mode, × clears it", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    await page.goto("/outbox?mode=test");
    const list = page.getByRole("list", { name: "E-mails, newest first" });
    const mail = (company: string) => list.getByRole("link").filter({ hasText: `Welcome aboard, ${company}` });
    await mail(ZEPHYR).waitFor();
    await mail(QUORVANE).waitFor();

    const box = page.getByRole("searchbox", { name: "Search e-mails" });
    await typeSearch(box, `aboard, ${ZEPHYR}`);
    await page.waitForURL((u) => u.searchParams.get("q") === `aboard, ${ZEPHYR}`);
    await mail(QUORVANE).waitFor({ state: "detached" });
    await mail(ZEPHYR).waitFor();
    await page.getByRole("heading", { level: 2, name: `Welcome aboard, ${ZEPHYR}` }).waitFor();
    expect(param(page, "mode")).toBe("test");
    expect(await axeProblems(page)).toEqual([]);

    await page.reload();
    await expect.poll(() => box.inputValue()).toBe(`aboard, ${ZEPHYR}`);
    await mail(ZEPHYR).waitFor();
    expect(await mail(QUORVANE).count()).toBe(0);
    await expect(page.getByLabel("Show").inputValue()).resolves.toBe("test");

    await page.getByRole("button", { name: "Clear search" }).click();
    await page.waitForURL((u) => !u.searchParams.has("q"));
    expect(param(page, "mode")).toBe("test");
    await mail(QUORVANE).waitFor();
    expect(errors).toEqual([]);
  });

  it("on a phone, each page's search box fits the screen and the page does not scroll sideways", async () => {
    const { page, errors, context } = await browser.page();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, "admin@example.com");
    for (const [path, label] of [
      [`/accounts?test=1&q=${encodeURIComponent(ZEPHYR)}`, "Search accounts"],
      [`/queue?test=1&q=${encodeURIComponent(ZEPHYR)}`, "Search the queue"],
      [`/outbox?mode=test&q=${encodeURIComponent(ZEPHYR)}`, "Search e-mails"],
    ] as const) {
      await page.goto(path);
      const box = page.getByRole("searchbox", { name: label });
      await expect.poll(() => box.inputValue()).toBe(ZEPHYR);
      await page.getByText(ZEPHYR).first().waitFor();
      const fit = await box.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const clear = el.parentElement!.querySelector("button")!.getBoundingClientRect();
        const root = document.documentElement;
        return { left: r.left, right: r.right, width: r.width, clearInside: clear.left >= r.left && clear.right <= r.right, sideways: Math.max(root.scrollWidth - root.clientWidth, 0) };
      });
      expect(fit.left, path).toBeGreaterThanOrEqual(0);
      expect(fit.right, path).toBeLessThanOrEqual(390);
      expect(fit.width, path).toBeGreaterThan(200);
      expect(fit.clearInside, path).toBe(true);
      expect(fit.sideways, path).toBe(0);
      expect(await axeProblems(page), path).toEqual([]);
    }
    await screenshot(page, "search-outbox-phone");
    expect(errors).toEqual([]);
    await context.close();
  });
});
