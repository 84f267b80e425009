/**
 * The product on a phone (390×844, touch, mobile viewport): every main page fits the screen's
 * width (tables scroll inside their own box), the sidebar is a drawer behind the top bar's menu
 * button, and dialogs keep a margin. Desktop keeps the sidebar column and no top bar.
 */
import type { Browser, Page } from "playwright-core";
import { mkdirSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { axeProblems, baseUrl, launch, PHONE, signIn } from "./browser";
import { api, apiLogin, unique } from "./queue-fixtures";


let browser: Browser;
let current: Page | null = null;
beforeAll(async () => {
  browser = await launch();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail" && current) {
    mkdirSync("test-results/screenshots", { recursive: true });
    await current.screenshot({ path: `test-results/screenshots/failed-mobile-${ctx.task.name.slice(0, 40).replace(/\W+/g, "-")}.png` }).catch(() => undefined);
  }
  current = null;
});
afterAll(async () => {
  await browser?.close();
});

/** A signed-in page in a phone-sized mobile viewport, recording console and page errors. */
async function phone(email: string) {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: baseUrl() });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 40[13]/.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  current = page;
  await signIn(page, email);
  return { page, errors };
}

/** Opens `path` and waits for its heading and for its data (no loading block left). */
async function open(page: Page, path: string) {
  await page.goto(path);
  await page.locator("h1").first().waitFor();
  await page.waitForFunction(() => !document.querySelector(".loading-block, .route-progress"), undefined, { timeout: 15_000 });
  await page.waitForTimeout(300);
}

/**
 * How far the page reaches past the screen's right edge (0 when it fits). A mobile viewport
 * widens itself to fit overflowing content, so the layout width must also still be the phone's.
 */
const sidewaysOverflow = (page: Page) =>
  page.evaluate((width) => {
    const root = document.documentElement;
    return Math.max(root.scrollWidth - root.clientWidth, root.clientWidth - width, window.innerWidth - width, 0);
  }, PHONE.width);

const menuButton = (page: Page) => page.locator("button.topbar__menu");
const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });
/** Waits until the drawer has slid fully in. */
const drawerIn = (page: Page) =>
  page.waitForFunction(() => {
    const el = document.getElementById("app-sidebar");
    return !!el && getComputedStyle(el).visibility === "visible" && Math.abs(el.getBoundingClientRect().left) < 0.5;
  });
const focusedIn = (page: Page, selector: string) => page.evaluate((s) => !!document.activeElement?.closest(s), selector);

/** The address of the first link on `listPath` that goes under `prefix` (a run, an account). */
async function firstDetail(page: Page, listPath: string, prefix: string): Promise<string> {
  await open(page, listPath);
  const link = page.locator(`main a[href^="${prefix}"]`).first();
  await link.waitFor();
  return (await link.getAttribute("href"))!;
}

describe("at phone width (390×844)", () => {
  it("no page of an admin's is wider than the screen or has serious axe problems; wide tables scroll inside their own box", async () => {
    // A muted row too: an inactive user on Team (its text must keep its contrast).
    const id = unique();
    const admin = await apiLogin("admin@example.com");
    const gone = await api<{ user: { id: string } }>(admin, "POST", "/api/users", { email: `muted.${id}@example.com`, name: `Muted ${id}`, role: "csm", password: `muted-${id}-pass` });
    await api(admin, "PATCH", `/api/users/${gone.user.id}`, { active: false });
    const { page, errors } = await phone("admin@example.com");
    const run = await firstDetail(page, "/runs", "/runs/run_");
    const account = await firstDetail(page, "/accounts", "/accounts/acc_");
    const workflow = await firstDetail(page, "/workflows", "/workflows/wf_");
    const pages = ["/", "/workflows", "/runs", "/queue", "/accounts", "/templates", "/connectors", "/outbox", "/team", "/settings", account, run, workflow];

    const overflowing: string[] = [];
    const problems: string[] = [];
    for (const path of pages) {
      await open(page, path);
      const by = await sidewaysOverflow(page);
      if (by > 0) overflowing.push(`${path} by ${by}px`);
      problems.push(...(await axeProblems(page)).map((p) => `${path}: ${p}`));
    }
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);

    // The Team page's users table needs more than the screen: it scrolls in its box, which a
    // keyboard can reach and which says what it is.
    await open(page, "/team");
    const wrap = page.locator(".table-wrap").filter({ has: page.getByRole("table", { name: "Users" }) });
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await wrap.getAttribute("tabindex")).toBe("0");
    expect(await wrap.getAttribute("role")).toBe("region");
    await wrap.evaluate((el) => el.scrollBy({ left: 200 }));
    expect(await wrap.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await sidewaysOverflow(page)).toBe(0);

    // A page header's actions sit under its title, inside the screen.
    await open(page, "/workflows");
    const title = (await page.locator(".page-header__title").boundingBox())!;
    const actions = (await page.locator(".page-header__actions").boundingBox())!;
    expect(actions.y).toBeGreaterThan(title.y + title.height - 1);
    expect(actions.x + actions.width).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  }, 150_000);

  it("an admin opens the navigation from the top bar; a link goes there and closes it; Esc and a tap outside close it with focus back on the button", async () => {
    const { page, errors } = await phone("admin@example.com");
    await open(page, "/workflows");
    const menu = menuButton(page);
    const sidebar = page.locator("#app-sidebar");

    // A top bar instead of the column: the drawer is out of sight and out of the tab order.
    expect(await page.locator(".topbar").isVisible()).toBe(true);
    expect(await sidebar.isVisible()).toBe(false);
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await menu.getAttribute("aria-controls")).toBe("app-sidebar");
    expect(await page.getByRole("button", { name: /^Menu/ }).count()).toBe(1);

    await menu.click();
    await drawerIn(page);
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    expect(await focusedIn(page, "#app-sidebar")).toBe(true);
    // The current page's link has the focus; the queue's count is in the drawer (and a dot on the button).
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Workflows");
    const counts = (await (await page.request.get("/api/queue/counts?mode=live")).json()) as { open: number; claimedByMe: number };
    if (counts.open + counts.claimedByMe > 0) {
      await nav(page).getByTestId("queue-count").waitFor();
      expect(await page.locator(".topbar__dot").count()).toBe(1);
    }
    const box = (await sidebar.boundingBox())!;
    expect(Math.round(box.x)).toBe(0);
    expect(box.width).toBeLessThan(PHONE.width);
    // The page behind cannot be reached while it is open.
    expect(await page.locator("main").evaluate((m) => (m as HTMLElement).inert)).toBe(true);
    expect(await axeProblems(page)).toEqual([]);

    await page.keyboard.press("Escape");
    await sidebar.waitFor({ state: "hidden" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await focusedIn(page, "button.topbar__menu")).toBe(true);

    // A tap on the dimmed page beside the drawer closes it too.
    await menu.click();
    await sidebar.waitFor({ state: "visible" });
    await page.mouse.click(PHONE.width - 20, PHONE.height / 2);
    await sidebar.waitFor({ state: "hidden" });
    expect(await focusedIn(page, "button.topbar__menu")).toBe(true);

    // So does its close button.
    await menu.click();
    await page.getByRole("button", { name: "Close navigation" }).click();
    await sidebar.waitFor({ state: "hidden" });
    expect(await focusedIn(page, "button.topbar__menu")).toBe(true);

    // Following a link: the page changes, the drawer closes, the new page has the focus.
    await menu.click();
    await nav(page).getByRole("link", { name: "Team" }).click();
    await page.waitForURL("**/team");
    await page.getByRole("heading", { level: 1, name: "Team" }).waitFor();
    await sidebar.waitFor({ state: "hidden" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await page.locator("main").evaluate((m) => (m as HTMLElement).inert)).toBe(false);
    expect(await focusedIn(page, "#main")).toBe(true);
    expect(await sidewaysOverflow(page)).toBe(0);

    // Sign out lives in the drawer.
    await menu.click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/login");
    expect(errors).toEqual([]);
  });

  it("a CSM gets the same drawer with their two pages, and their pages fit the screen", async () => {
    const { page, errors } = await phone("csm1@example.com");
    await page.waitForURL("**/queue");
    await open(page, "/queue");
    const account = await firstDetail(page, "/accounts", "/accounts/acc_");
    for (const path of ["/queue", "/accounts", account]) {
      await open(page, path);
      expect(await sidewaysOverflow(page), path).toBe(0);
    }

    await menuButton(page).click();
    await page.locator("#app-sidebar").waitFor({ state: "visible" });
    const links = (await nav(page).getByRole("link").allTextContents()).map((t) => t.replace(/\d+.*$/, "").trim());
    expect(links).toEqual(["Queue", "Accounts"]);
    await nav(page).getByRole("link", { name: "Queue" }).click();
    await page.waitForURL("**/queue");
    await page.locator("#app-sidebar").waitFor({ state: "hidden" });
    expect(await axeProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a dialog fits the screen with a margin on each side", async () => {
    const { page, errors } = await phone("admin@example.com");
    await open(page, "/workflows");
    await page.getByRole("button", { name: "New workflow" }).click();
    const dialog = page.getByRole("dialog", { name: "New workflow" });
    await dialog.waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(8);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width - 8);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    // Its buttons are on screen without scrolling sideways.
    const create = (await dialog.getByRole("button", { name: "Create workflow" }).boundingBox())!;
    expect(create.x + create.width).toBeLessThanOrEqual(PHONE.width - 8);
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
  });
});

describe("at desktop width (1440×900)", () => {
  it("keeps the sidebar column and shows no top bar or menu button", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: baseUrl() });
    const page = await context.newPage();
    current = page;
    await signIn(page, "admin@example.com");
    await open(page, "/workflows");
    expect(await page.locator(".topbar").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: /^Menu/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Close navigation" }).count()).toBe(0);
    const sidebar = (await page.locator("#app-sidebar").boundingBox())!;
    expect(sidebar).toMatchObject({ x: 0, y: 0, width: 248, height: 900 });
    expect((await page.locator("main").boundingBox())!.x).toBe(248);
    await context.close();
  });
});
