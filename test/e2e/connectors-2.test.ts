import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeProblems, launch, newPage, screenshot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("Send test event, pressed again and again", () => {
  // Notion, so the HubSpot connector's sample deals stay free for connectors.test.ts.
  it("starts a run for another sample record each time, then says plainly that every sample has a run and what to do", async () => {
    const { page, errors } = await newPage(browser);
    await signIn(page, "admin@example.com");
    await page.goto("/connectors");
    await page.getByRole("link", { name: "Notion (demo)", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Notion (demo)" }).waitFor();

    const send = page.getByRole("button", { name: "Send test event" });
    const started = new Set<string>();
    const usedUp = page.locator(".con-callout", { hasText: "Every sample record already has a run" });
    // The demo Notion serves three sample pages; each press takes one no run has yet.
    for (let i = 0; i < 4 && !(await usedUp.count()); i++) {
      await send.click();
      // Either a success naming a run not seen before, or the used-up notice.
      await page.waitForFunction(
        (seen) =>
          [...document.querySelectorAll(".con-callout__title")].some((t) => t.textContent === "Every sample record already has a run") ||
          [...document.querySelectorAll(".con-callout--success a")].some((a) => !seen.includes(a.getAttribute("href") ?? "")),
        [...started],
        { timeout: 20_000 },
      );
      if (await usedUp.count()) break;
      // The result names each run by its workflow.
      const link = page.locator(".con-callout--success").getByRole("link", { name: /^Run of “.+”$/ }).first();
      started.add((await link.getAttribute("href"))!);
    }
    expect(started.size).toBe(3);
    await usedUp.waitFor();
    const text = await usedUp.innerText();
    expect(text).toContain("Every sample record the demo Notion serves (3) already has a run of");
    expect(text).toContain("turn on “Start again for a record that already had a run”");
    expect(text).not.toMatch(/duplicate|could not be sent/i);
    // Nothing was delivered for the press that found no record: the log holds the three started events only.
    const log = page.getByRole("table", { name: "Event log, newest first" });
    await log.waitFor();
    await expect(log.getByRole("row").filter({ hasText: "Duplicate" }).count()).resolves.toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await screenshot(page, "connector-detail-samples-used-up");
    // The used-up press is the server's 409, which the browser logs as a failed resource; nothing else.
    expect(errors.filter((e) => !e.includes("status of 409 (Conflict)"))).toEqual([]);
    expect(errors).toHaveLength(1);
  }, 120_000);
});
