import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeProblems, signIn, useBrowser } from "./browser";

const browser = useBrowser();

/** Opens the seeded Cobalt Ridge account (the one with the Enterprise plan) from the accounts list. */
async function openSeededAccount(page: Page) {
  await page.goto("/accounts");
  const row = page.getByRole("table", { name: "Accounts" }).getByRole("row").filter({ hasText: "Cobalt Ridge Health" }).filter({ hasText: "Enterprise onboarding" }).first();
  await row.getByRole("link", { name: "Cobalt Ridge Health" }).click();
  await page.getByRole("heading", { level: 1, name: "Cobalt Ridge Health" }).waitFor();
  return page.url();
}

const progress = (page: Page) => page.getByText(/^\d+ of \d+ tasks done$/).textContent();
const planOf = (page: Page) => page.getByRole("list", { name: "Onboarding plan for Cobalt Ridge Health" });

/** The e-mail of the account's CSM, from the Details card's mailto link. */
async function csmEmail(page: Page) {
  const href = await page.locator('dt:text-is("CSM") + dd a[href^="mailto:"]').getAttribute("href");
  return href!.replace("mailto:", "");
}

async function changeCsm(page: Page, email: string) {
  await page.getByRole("button", { name: "Change CSM" }).click();
  const dialog = page.getByRole("dialog", { name: "Change CSM" });
  const select = dialog.getByLabel("New CSM");
  await select.locator("option", { hasText: email }).waitFor({ state: "attached" });
  const value = await select.locator("option", { hasText: email }).getAttribute("value");
  await select.selectOption(value!);
  await dialog.getByRole("button", { name: "Change CSM" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.locator(`a[href="mailto:${email}"]`).first().waitFor();
}

describe("Account plan (browser)", () => {
  it("dates the seeded plan on weekdays only, and an admin ticks a task done and undone; it survives a reload", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    const me = (await (await page.request.get("/api/me")).json()) as { name: string };
    await openSeededAccount(page);
    const plan = planOf(page);
    await plan.getByRole("heading", { name: "Kickoff" }).waitFor();

    // Business days: no milestone or task falls due on a Saturday or Sunday.
    const days = await plan.locator("time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
    expect(days.length).toBeGreaterThan(3);
    expect(days.filter((d) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))).toEqual([]);

    const before = await progress(page);
    const [, done0, total] = /^(\d+) of (\d+)/.exec(before!)!.map(Number);
    const box = plan.getByRole("checkbox").first();
    const wasChecked = await box.isChecked();
    await box.click();
    await expect.poll(() => progress(page)).toBe(`${done0 + (wasChecked ? -1 : 1)} of ${total} tasks done`);
    expect(await axeProblems(page)).toEqual([]);

    await page.reload();
    await planOf(page).getByRole("checkbox").first().waitFor();
    expect(await planOf(page).getByRole("checkbox").first().isChecked()).toBe(!wasChecked);
    if (!wasChecked) await planOf(page).getByText(`Done by ${me.name}`).first().waitFor();

    // Put it back as it was.
    await planOf(page).getByRole("checkbox").first().click();
    await expect.poll(() => progress(page)).toBe(before);
    await page.reload();
    await planOf(page).getByRole("checkbox").first().waitFor();
    expect(await planOf(page).getByRole("checkbox").first().isChecked()).toBe(wasChecked);
    expect(errors).toEqual([]);
  });

  it("an admin hands the account to another CSM, who can then work its plan; its old CSM has no such control", async () => {
    const admin = await browser.page();
    await signIn(admin.page, "admin@example.com");
    const adminName = ((await (await admin.page.request.get("/api/me")).json()) as { name: string }).name;
    const url = await openSeededAccount(admin.page);
    const original = await csmEmail(admin.page);
    const next = ["csm1@example.com", "csm2@example.com", "csm3@example.com"].find((e) => e !== original)!;

    // The CSM who owns it sees the plan's boxes but no way to hand it on.
    const owner = await browser.page();
    await signIn(owner.page, original);
    await owner.page.goto(url);
    await planOf(owner.page).getByRole("checkbox").first().waitFor();
    expect(await owner.page.getByRole("button", { name: "Change CSM" }).count()).toBe(0);

    await changeCsm(admin.page, next);
    await admin.page.getByText(`Changed by ${adminName}`).waitFor();
    expect(await axeProblems(admin.page)).toEqual([]);
    await admin.page.reload();
    await admin.page.getByText(`Changed by ${adminName}`).waitFor();
    expect(await csmEmail(admin.page)).toBe(next);

    // The new CSM sees it and ticks a task; the old one no longer sees it.
    const taker = await browser.page();
    await signIn(taker.page, next);
    await taker.page.goto(url);
    const box = planOf(taker.page).getByRole("checkbox").first();
    await box.waitFor();
    const wasChecked = await box.isChecked();
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(!wasChecked);
    await box.click(); // and back
    await expect.poll(() => box.isChecked()).toBe(wasChecked);
    await owner.page.reload();
    await owner.page.getByText("This account isn't available to you").waitFor();

    // Give it back to its CSM so the other browser tests find the demo as seeded.
    await changeCsm(admin.page, original);
    expect(admin.errors).toEqual([]);
    expect(taker.errors).toEqual([]);
  });
});
