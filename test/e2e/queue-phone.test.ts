/**
 * The Queue on a phone (390×844): the open item's detail stacks under the list, so opening an item
 * must bring its detail into view and put focus on its title — otherwise the tap seems to do nothing.
 */
import type { Browser, Page } from "playwright-core";
import { mkdirSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launch, PHONE, signIn } from "./browser";
import { apiLogin, createWorkflow, deal, demo, runUntilTask, unique, type Session } from "./queue-fixtures";

/** Enough items that the last row starts below the fold. */
const ITEMS = 6;

let browser: Browser;
let admin: Session;
let current: Page | null = null;
beforeAll(async () => {
  browser = await launch();
  admin = await apiLogin("admin@example.com");
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail" && current) {
    mkdirSync("test-results/screenshots", { recursive: true });
    await current.screenshot({ path: `test-results/screenshots/failed-queue-phone-${ctx.task.name.slice(0, 40).replace(/\W+/g, "-")}.png` }).catch(() => undefined);
  }
  current = null;
});
afterAll(async () => {
  await browser?.close();
});

/** A workflow whose test runs each pause at an approval for csm1. */
async function approvalWorkflow(tag: string) {
  return createWorkflow(
    admin,
    `E2E phone queue ${tag}`,
    [
      { id: "approve", type: "human.approval", name: "Approval", config: { title: "Approve {{deal.company.name}}", assignee: { userId: demo().users.csm1 }, dueInHours: 8 } },
      { id: "done", type: "end", config: {} },
    ],
    [
      ["approve", "approved", "done"],
      ["approve", "rejected", "done"],
      ["approve", "timeout", "done"],
    ],
  );
}

/**
 * Where the open item is: its detail starts just under the sticky top bar (not somewhere down the
 * screen with half the list above it), its title is on screen, and the title has focus.
 */
const detailPlace = (page: Page) =>
  page.evaluate(() => {
    const detail = document.querySelector(".q-detail")?.getBoundingClientRect();
    const title = document.getElementById("q-detail-title");
    const r = title?.getBoundingClientRect();
    const bar = document.querySelector(".topbar")?.getBoundingClientRect().bottom ?? 0;
    return {
      detailAtTop: !!detail && detail.top >= bar && detail.top <= bar + 32,
      titleInView: !!r && r.top >= bar && r.bottom <= window.innerHeight,
      titleFocused: !!title && document.activeElement === title,
    };
  });

describe("the Queue at phone width (390×844)", () => {
  for (const motion of ["no-preference", "reduce"] as const) {
    it(`opening an item below the fold brings its detail to the top and focuses its title (motion: ${motion})`, async () => {
      const tag = unique();
      const wf = await approvalWorkflow(tag);
      for (let i = 0; i < ITEMS; i++) await runUntilTask(admin, wf, deal(`Phone ${tag} ${i}`));

      const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, reducedMotion: motion, baseURL: baseUrl() });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      current = page;
      await signIn(page, "admin@example.com");
      await page.goto(`/queue?tab=all&workflow=${encodeURIComponent(wf)}&test=1`);
      const rows = page.getByRole("list", { name: "Queue items" }).getByRole("link");
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(ITEMS);
      // One column: no "Choose an item" card under the list, and no j/k hint on a touch screen.
      expect(await page.locator(".q-placeholder").isVisible()).toBe(false);
      expect(await page.locator(".q-keys").isVisible()).toBe(false);

      // The last row starts below the fold: the person scrolls down to it and taps it.
      const row = rows.last();
      expect((await row.boundingBox())!.y).toBeGreaterThan(PHONE.height);
      const title = (await row.locator(".q-row__title").textContent())!;
      await row.scrollIntoViewIfNeeded();
      await row.tap();
      await page.waitForURL(/\/queue\/[^/?]+/);
      await page.getByRole("heading", { level: 2, name: title }).waitFor();

      // A smooth scroll takes a moment, so poll until it has landed.
      await expect.poll(() => detailPlace(page), { timeout: 5_000, interval: 100 }).toEqual({ detailAtTop: true, titleInView: true, titleFocused: true });
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
