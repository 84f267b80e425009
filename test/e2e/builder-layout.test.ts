/**
 * The builder's top-to-bottom canvas in a real browser at a common laptop size: a preset opens whole
 * and readable between the palette and the inspector, and a step added below the last one is
 * brought into view.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { canvasSettled, createInDialog, signIn, useBrowser } from "./browser";

const browser = useBrowser();

/** Ids of the nodes whose box is not wholly inside the canvas. */
const outsideCanvas = (page: Page) =>
  page.evaluate(() => {
    const c = document.querySelector(".builder-canvas")!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>(".react-flow__node")]
      .filter((n) => {
        const b = n.getBoundingClientRect();
        return b.left < c.left || b.top < c.top || b.right > c.right || b.bottom > c.bottom;
      })
      .map((n) => n.dataset.id);
  });

describe("the builder canvas at 1440×900", () => {
  it("opens the HubSpot preset whole and readable, and shows a step added below the last one", async () => {
    const { page, errors } = await browser.page();
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, "admin@example.com");
    await createInDialog(page, "HubSpot Closed Won → onboarding", "Closed Won, top to bottom (e2e)");
    await page.locator('.react-flow__node[data-id="done"]').waitFor();
    await canvasSettled(page);

    expect(await outsideCanvas(page)).toEqual([]);
    // Each step sits below the one before it.
    const top = async (id: string) => (await page.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!.y;
    expect(await top("extract")).toBeGreaterThan(await top("trigger"));
    expect(await top("done")).toBeGreaterThan(await top("welcome"));
    // Node titles render at 9 px or more on screen (font size × zoom).
    const titlePx = await page.evaluate(() => {
      const zoom = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")!).transform).a;
      return parseFloat(getComputedStyle(document.querySelector(".wf-node__title")!).fontSize) * zoom;
    });
    expect(titlePx).toBeGreaterThanOrEqual(9);
    // All of it is on screen, so no mini-map covers a step.
    await expect(page.locator(".react-flow__minimap").count()).resolves.toBe(0);
    // The palette's search box has a normal control's height.
    expect((await page.locator(".palette__search").boundingBox())!.height).toBeGreaterThanOrEqual(30);

    // "+" with the last step selected: the new step goes below it, off screen, and the canvas pans to it.
    await page.locator('.react-flow__node[data-id="done"]').click();
    await page.getByRole("button", { name: "Add Delay" }).click();
    const added = page.locator('.react-flow__node[data-id="delay_1"]');
    await added.waitFor();
    await canvasSettled(page);
    expect(await top("delay_1")).toBeGreaterThan(await top("done"));
    expect(await outsideCanvas(page).then((ids) => ids.includes("delay_1"))).toBe(false);
    expect(errors).toEqual([]);
  });
});
