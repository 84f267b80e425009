/**
 * The builder at phone width (390×844) stacks palette, canvas and side panel, so the panel a toolbar
 * button opens is a screen or two below it: the button brings it into view, with focus on its heading.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launch, PHONE, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The heading's box is inside the screen, and it has focus. */
async function inViewAndFocused(page: Page, headingId: string) {
  const heading = page.locator(`#${headingId}`);
  await page.waitForFunction((id) => document.activeElement?.id === id, headingId);
  const box = (await heading.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
}

describe("the builder on a phone", () => {
  it("Test and the problems count bring their panel into view instead of opening it off-screen", async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: baseUrl() });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await signIn(page, "admin@example.com");
    await page.goto("/workflows");
    await page.locator('main a[href^="/workflows/wf_"]').first().click();
    await page.locator(".react-flow__node").first().waitFor();

    // The side panel starts below the fold.
    expect((await page.locator(".builder__side").boundingBox())!.y).toBeGreaterThan(PHONE.height);
    const test = page.getByRole("button", { name: "Test", exact: true });
    await test.click();
    await inViewAndFocused(page, "test-heading");
    expect(await page.getByRole("button", { name: "Run test" }).isVisible()).toBe(true);

    // From the top again: the problems count shows the list, under the workflow's settings.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(".app-content").evaluate((el) => el.scrollTo(0, 0));
    await page.locator(".problems-button").click();
    await inViewAndFocused(page, "problems-heading");
    expect(errors).toEqual([]);
    await context.close();
  });
});
