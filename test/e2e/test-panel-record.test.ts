import { describe, expect, it } from "vitest";
import { screenshot, seed, signIn, useBrowser } from "./browser";

/** The deal of the fake HubSpot's fixtures (test/fixtures/hubspot/deal-object.json) the demo connector reads. */
const DEAL_ID = "24587310912";

const browser = useBrowser();

describe("the test panel's CRM record", () => {
  it("fetches a HubSpot deal through the demo connector, runs it, and the run carries that deal", async () => {
    const { page, errors } = await browser.page();
    await signIn(page, "admin@example.com");
    await page.goto(`/workflows/${seed().workflows["hubspot-closed-won"]}`);
    await page.getByRole("button", { name: "Test", exact: true }).click();

    const panel = page.locator(".test-panel");
    await panel.getByLabel("Sample data").selectOption({ label: "A record from HubSpot" });
    const id = panel.getByLabel("HubSpot deal id");
    await id.fill(DEAL_ID);
    // Enter fetches the record; it does not submit the form and run the previous sample.
    await id.press("Enter");
    await expect.poll(() => panel.getByLabel("Deal (JSON)").inputValue(), { timeout: 15_000 }).toContain('"name": "Brightline Analytics"');
    expect(await panel.locator(".test-run__summary").count()).toBe(0);
    await screenshot(page, "test-panel-record");

    await panel.getByRole("button", { name: "Run test" }).click();
    await panel.getByText(`Sample: HubSpot deal ${DEAL_ID}`).waitFor();
    // The preset creates the account, then waits for a person to assign a CSM.
    await panel.getByText("Waiting for a person: complete the task below to go on.").waitFor({ timeout: 20_000 });
    const href = await panel.locator(".test-run__summary").getByRole("link", { name: "Open run" }).getAttribute("href");
    const run = await (await page.request.get(`/api${href}`)).json();
    expect(run).toMatchObject({ mode: "test", data: { deal: { source: "hubspot", objectId: DEAL_ID, company: { name: "Brightline Analytics" } } } });
    expect(errors).toEqual([]);
  }, 90_000);
});
