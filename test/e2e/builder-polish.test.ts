/**
 * Builder polish found in a QA pass, in real Chromium at desktop and phone width (390×844):
 * a new step is brought into view (on the screen, not only inside the canvas) and its settings open;
 * the "created" toast goes at the first edit; End steps say how they end; on a phone a tapped step's
 * settings come into view; and on narrow run views the mini-map never covers the first step.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeProblems, canvasSettled, createInDialog, PHONE, seed, signIn, useBrowser, type PageSize } from "./browser";
import { deleteSelected, flowNode } from "./builder-page";

const browser = useBrowser();

/** A page signed in as the admin: desktop (1280×800) by default, or a phone, or another size. */
async function adminPage(size?: PageSize) {
  const { page, errors } = await browser.page(size);
  await signIn(page, "admin@example.com");
  return { page, errors };
}

type Box = { left: number; top: number; right: number; bottom: number };
const rect = (page: Page, selector: string): Promise<Box | null> =>
  page.evaluate((s) => {
    const r = document.querySelector(s)?.getBoundingClientRect();
    return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom } : null;
  }, selector);
const nodeSel = (id: string) => `.react-flow__node[data-id="${id}"]`;
const inside = (a: Box, b: Box) => a.left >= b.left - 0.5 && a.top >= b.top - 0.5 && a.right <= b.right + 0.5 && a.bottom <= b.bottom + 0.5;
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const zoomOf = async (page: Page, root = ".builder__canvas") => Number(/scale\(([\d.]+)\)/.exec((await page.locator(`${root} .react-flow__viewport`).getAttribute("style")) ?? "")?.[1]);

/** The step is wholly inside the canvas's pane and on the screen, clear of the mini-map and the zoom controls. */
async function expectShown(page: Page, id: string, root = ".builder__canvas") {
  const node = (await rect(page, `${root} ${nodeSel(id)}`))!;
  const pane = (await rect(page, `${root} .react-flow__renderer`))!;
  const size = page.viewportSize()!;
  expect(inside(node, pane), `${id} inside the canvas`).toBe(true);
  expect(inside(node, { left: 0, top: 0, right: size.width, bottom: size.height }), `${id} on the screen`).toBe(true);
  for (const cover of [`${root} .react-flow__minimap`, `${root} .react-flow__controls`]) {
    const r = await rect(page, cover);
    if (r) expect(overlaps(node, r), `${id} under ${cover}`).toBe(false);
  }
}

/** A new workflow from the HubSpot preset, canvas settled. */
async function hubSpotWorkflow(page: Page, name: string) {
  await createInDialog(page, "HubSpot Closed Won → onboarding", name);
  await flowNode(page, "done").waitFor();
  await canvasSettled(page);
}

/** Deletes the preset's final End, so the welcome e-mail's output is free (and has its "+"). */
async function freeWelcomeOutput(page: Page) {
  await flowNode(page, "done").click();
  await deleteSelected(page, "done");
  await flowNode(page, "done").waitFor({ state: "detached" });
  await canvasSettled(page);
}

/** Picks `search` in the node picker opened by the "+" after the step titled `after`. */
async function addAfter(page: Page, after: string, search: string) {
  await page.getByRole("button", { name: `Add a step after “${after}”`, exact: true }).click();
  const picker = page.getByRole("dialog", { name: `Add a step after ${after}` });
  await picker.getByLabel("Search steps").fill(search);
  await page.keyboard.press("Enter");
  await picker.waitFor({ state: "detached" });
}

/** The text of `selector`, or null when it is not there (without waiting for it). */
const textOf = (page: Page, selector: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

const selectedIds = (page: Page) => page.$$eval(".builder__canvas .react-flow__node.selected", (ns) => ns.map((n) => (n as HTMLElement).dataset.id));

describe("a newly added step", () => {
  it("added with “+” while the Test panel is open: shown, selected and its settings open in the panel, at the same zoom", async () => {
    const { page, errors } = await adminPage();
    await hubSpotWorkflow(page, "Polish: add with Test open (e2e)");
    await freeWelcomeOutput(page);
    await page.getByRole("button", { name: "Test", exact: true }).click();
    await page.locator("#test-heading").waitFor();
    const zoom = await zoomOf(page);

    await addAfter(page, "Send welcome e-mail", "delay");
    await flowNode(page, "delay_1").waitFor();
    await canvasSettled(page);
    await expectShown(page, "delay_1");
    expect(await selectedIds(page)).toEqual(["delay_1"]);
    await expect.poll(() => textOf(page, "#inspector-heading")).toBe("Delay");
    expect(await zoomOf(page)).toBe(zoom);
    expect(errors).toEqual([]);
  });

  it("zooms out just enough when it cannot fit at the current zoom", async () => {
    const { page, errors } = await adminPage({ width: 1100, height: 800 });
    await hubSpotWorkflow(page, "Polish: add zoomed in (e2e)");
    await freeWelcomeOutput(page);
    // Zoomed all the way in, a step is wider than this canvas.
    const zoomIn = page.locator(".react-flow__controls-zoomin");
    for (let i = 0; i < 10 && (await zoomIn.isEnabled()); i++) await zoomIn.click();
    await canvasSettled(page);
    const zoom = await zoomOf(page);
    expect(zoom).toBeGreaterThan(1.5);

    // The "+" is off-screen at this zoom: the palette's "+" adds after the selected step instead.
    await page.evaluate(() => document.querySelector<HTMLElement>('.react-flow__node[data-id="welcome"]')?.focus());
    await page.keyboard.press("Enter");
    await expect.poll(() => selectedIds(page)).toEqual(["welcome"]);
    await page.getByRole("button", { name: "Add Delay" }).click();
    await flowNode(page, "delay_1").waitFor();
    await canvasSettled(page);
    await expectShown(page, "delay_1");
    const after = await zoomOf(page);
    expect(after).toBeLessThan(zoom);
    expect(after).toBeGreaterThan(0.7);
    expect(await selectedIds(page)).toEqual(["delay_1"]);
    expect(errors).toEqual([]);
  });

  it("on a phone, added from the palette, it shows on the screen, not below it in the canvas", async () => {
    const { page, errors } = await adminPage("phone");
    await hubSpotWorkflow(page, "Polish: add on a phone (e2e)");
    await page.evaluate(() => window.scrollTo(0, 0));
    const add = page.getByRole("button", { name: "Add Delay" });
    await add.click();
    await flowNode(page, "delay_1").waitFor();
    await canvasSettled(page);
    await expectShown(page, "delay_1");
    // The next one goes below the selected one, connected to it: still shown.
    await page.evaluate(() => window.scrollTo(0, 0));
    await add.click();
    await flowNode(page, "delay_2").waitFor();
    await canvasSettled(page);
    await expectShown(page, "delay_2");
    expect(await selectedIds(page)).toEqual(["delay_2"]);
    expect(await textOf(page, "#inspector-heading")).toBe("Delay");
    expect(errors).toEqual([]);
  });
});

describe("the “created” toast", () => {
  it("goes away at the first edit instead of telling the user to do what they just did", async () => {
    const { page, errors } = await adminPage();
    await createInDialog(page, "Blank workflow", "Polish: created toast (e2e)");
    const toast = page.locator(".toast").filter({ hasText: "created" });
    await toast.waitFor();
    // Opening the builder is no edit: it stays until one.
    await page.waitForTimeout(500);
    expect(await toast.isVisible()).toBe(true);
    const added = Date.now();
    await page.getByRole("button", { name: "Add HubSpot deal stage" }).click();
    await flowNode(page, "hubspot_1").waitFor();
    await toast.waitFor({ state: "detached", timeout: 1500 });
    // Well before it would have timed out (4 s).
    expect(Date.now() - added).toBeLessThan(2500);
    expect(errors).toEqual([]);
  });
});

describe("End steps", () => {
  it("say on the canvas and in the mini-map whether the run completes or fails there", async () => {
    const { page, errors } = await adminPage();
    await hubSpotWorkflow(page, "Polish: End outcomes (e2e)");
    const done = flowNode(page, "done");
    const failed = flowNode(page, "unassigned");
    await expect.poll(() => textOf(page, `${nodeSel("done")} .wf-node__outcome`)).toBe("Completed");
    await expect.poll(() => textOf(page, `${nodeSel("unassigned")} .wf-node__outcome`)).toBe("Failed");
    expect(await done.locator(".wf-node__outcome").isVisible()).toBe(true);
    expect(await failed.locator(".wf-node__outcome").isVisible()).toBe(true);
    // Not colour alone, and said to screen readers too.
    expect(await done.getAttribute("aria-label")).toMatch(/completes the run/i);
    expect(await failed.getAttribute("aria-label")).toMatch(/fails the run/i);
    const glyph = (l: typeof done) => l.locator(".wf-node__glyph path").getAttribute("d");
    expect(await glyph(done)).not.toBe(await glyph(failed));
    // The mini-map (shown once part of the workflow is out of view) marks each End by its outcome.
    await page.locator(".react-flow__controls-zoomin").click();
    await page.locator(".react-flow__minimap").waitFor();
    await expect.poll(() => page.locator(".react-flow__minimap-node.minimap-node--end-failed").count()).toBe(1);
    await expect.poll(() => page.locator(".react-flow__minimap-node.minimap-node--end-completed").count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("a test run's path in the builder", () => {
  it("starts in view: the first step is brought back into the canvas when the run is drawn", async () => {
    const { page, errors } = await adminPage();
    await page.goto(`/workflows/${seed().workflows["hubspot-closed-won"]}`);
    await flowNode(page, "trigger").waitFor();
    await canvasSettled(page);
    // Panned down the workflow, the trigger is above the view.
    const pane = (await page.locator(".builder__canvas .react-flow__pane").boundingBox())!;
    await page.mouse.move(pane.x + 20, pane.y + 450);
    await page.mouse.down();
    await page.mouse.move(pane.x + 20, pane.y + 50, { steps: 5 });
    await page.mouse.up();
    await canvasSettled(page);
    expect((await rect(page, nodeSel("trigger")))!.bottom).toBeLessThan(pane.y);

    await page.getByRole("button", { name: "Test", exact: true }).click();
    await page.getByRole("button", { name: "Run test" }).click();
    await page.locator(".wf-node.run-completed").first().waitFor({ timeout: 20_000 });
    await canvasSettled(page);
    await expectShown(page, "trigger");
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("on a phone", () => {
  it("tapping a step brings its settings into view, with focus on their heading", async () => {
    const { page, errors } = await adminPage("phone");
    await hubSpotWorkflow(page, "Polish: tap a step on a phone (e2e)");
    await page.evaluate(() => window.scrollTo(0, 0));
    await flowNode(page, "account").tap();
    await page.waitForFunction(() => document.activeElement?.id === "inspector-heading");
    const heading = (await rect(page, "#inspector-heading"))!;
    expect(heading.top).toBeGreaterThanOrEqual(-1);
    expect(heading.bottom).toBeLessThanOrEqual(PHONE.height);
    expect(await textOf(page, "#inspector-heading")).toBe("Create account");
    expect(await page.getByLabel("Step name (optional)").isVisible()).toBe(true);

    // Another step, from the top again: its settings in view as well.
    await page.evaluate(() => window.scrollTo(0, 0));
    await flowNode(page, "extract").tap();
    await expect.poll(() => textOf(page, "#inspector-heading")).not.toBe("Create account");
    await page.waitForFunction(() => document.activeElement?.id === "inspector-heading");
    const again = (await rect(page, "#inspector-heading"))!;
    expect(again.top).toBeGreaterThanOrEqual(-1);
    expect(again.bottom).toBeLessThanOrEqual(PHONE.height);
    expect(errors).toEqual([]);
  });

  it("the builder opens with its first step clear of the mini-map and the zoom controls", async () => {
    const { page, errors } = await adminPage("phone");
    await hubSpotWorkflow(page, "Polish: phone framing (e2e)");
    await page.locator(".builder__canvas").scrollIntoViewIfNeeded();
    await canvasSettled(page);
    await expectShown(page, "trigger");
    expect(errors).toEqual([]);
  });

  it("a run's page shows the path with its first step in view, the mini-map not on top of it", async () => {
    const { page, errors } = await adminPage("phone");
    await page.goto("/runs");
    await page.locator('main a[href^="/runs/"]').first().click();
    const canvas = ".run-canvas";
    await page.locator(`${canvas} .react-flow__node-trigger`).waitFor();
    await page.locator(canvas).scrollIntoViewIfNeeded();
    let last = "";
    for (let i = 0; i < 30; i++) {
      const now = (await page.locator(`${canvas} .react-flow__viewport`).getAttribute("style")) ?? "";
      if (now === last) break;
      last = now;
      await page.waitForTimeout(100);
    }
    const trigger = await page.locator(`${canvas} .react-flow__node-trigger`).getAttribute("data-id");
    await expectShown(page, trigger!, canvas);
    expect(errors).toEqual([]);
  });
});
