import { chromium, type Browser, type Page, type ConsoleMessage } from "playwright-core";
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, inject } from "vitest";

export const baseUrl = () => inject("baseUrl");
export const seed = () => JSON.parse(inject("seed"));

/** Launches Debian's Chromium with the flags this machine needs (root, no network). */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    // No --user-data-dir: playwright-core refuses it among the args, and gives each launch a fresh profile anyway.
  });
}

/** The size a page opens at: a laptop screen by default, a phone (390×844, touch, mobile viewport), or any size. */
export type PageSize = "desktop" | "phone" | { width: number; height: number };
export const PHONE = { width: 390, height: 844 };

/** A fresh page that records console errors and uncaught page errors. */
export async function newPage(browser: Browser, size: PageSize = "desktop") {
  const phone = size === "phone";
  const viewport = size === "desktop" ? { width: 1280, height: 800 } : phone ? PHONE : size;
  const context = await browser.newContext({ viewport, ...(phone ? { isMobile: true, hasTouch: true } : {}), baseURL: baseUrl() });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error" && !/status of 40[13]/.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, errors, context };
}

/**
 * One Chromium for the test file, launched before its tests and closed after them. Pages come from
 * `page()`; the latest one is photographed (test-results/screenshots/failed-<test>.png) when its
 * test fails, so a failure in CI shows what the browser saw.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  let failing: Page | null = null;
  beforeAll(async () => {
    browser = await launch();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === "fail" && failing) {
      mkdirSync("test-results/screenshots", { recursive: true });
      await failing.screenshot({ path: `test-results/screenshots/failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, "-")}.png` }).catch(() => undefined);
    }
    failing = null;
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    /** A fresh page as `newPage` makes it, photographed if the test fails. */
    async page(size?: PageSize) {
      const p = await newPage(browser!, size);
      failing = p.page;
      return p;
    },
  };
}

export async function signIn(page: Page, email: string, password = "demo-password") {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
}

/** Saves a screenshot under test-results/screenshots and checks it is not a blank page. */
export async function screenshot(page: Page, name: string) {
  const dir = join("test-results", "screenshots");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  // A blank white PNG of 1280x800 compresses to a few KB; a rendered page is far larger.
  if (statSync(path).size < 15_000) throw new Error(`screenshot ${name} looks blank (${statSync(path).size} bytes)`);
  // And the page really has content.
  const text = (await page.locator("body").innerText()).trim();
  if (text.length < 20) throw new Error(`page ${name} has almost no text`);
  return path;
}

/** Waits until the builder canvas's viewport stops moving (framing, panning and zoom animate). */
export async function canvasSettled(page: Page) {
  let last = "";
  for (let i = 0; i < 40; i++) {
    const now = await page.locator(".react-flow__viewport").getAttribute("style");
    if (now === last) return;
    last = now ?? "";
    await page.waitForTimeout(100);
  }
}

/** Makes a workflow through the "New workflow" dialog from `start` (a preset's name, or "Blank workflow") and waits for the builder. */
export async function createInDialog(page: Page, start: string, name: string) {
  await page.goto("/workflows");
  await page.getByRole("button", { name: "New workflow" }).click();
  const dialog = page.getByRole("dialog", { name: "New workflow" });
  await dialog.getByLabel(start).check();
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await page.waitForURL(/\/workflows\/wf_/);
}

/**
 * Publishes the draft of a workflow made from the HubSpot preset as version 1. The preset points at
 * the workspace's HubSpot connector; without one the panel asks for it, so one is filled in first.
 */
export async function publishHubSpotPreset(page: Page) {
  await page.waitForFunction(() => !document.querySelector(".save-state")?.textContent?.includes("Saving"));
  if (/\d+ problems?/.test((await page.locator(".problems-button").textContent()) ?? "")) {
    await page.locator('.react-flow__node[data-id="trigger"]').click();
    await page.getByLabel("HubSpot connector").fill("conn_hubspot_e2e");
  }
  await page.getByRole("button", { name: "No problems" }).waitFor();
  await page.getByText("All changes saved").waitFor();
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByText("Version 1 published").waitFor();
}

/** Serious and critical accessibility violations axe-core finds on the page, one line each (empty when none). */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
  type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };
  const result = await page.evaluate(async () =>
    (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> } }).axe.run(document, { resultTypes: ["violations"] }),
  );
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
