/** Locators and a starting point shared by the builder's browser tests. */
import type { Page } from "playwright-core";
import { canvasSettled, createInDialog, signIn, type useBrowser } from "./browser";

/** A step on the canvas, by its node id. */
export const flowNode = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** An edge is in the canvas (attached: a straight one has no width, so is never "visible"). */
export const flowEdge = (page: Page, id: string) => page.locator(`[data-testid="rf__edge-${id}"]`);

/** Signed in as the admin, a new workflow from the HubSpot preset, its canvas settled. */
export async function fromHubSpotPreset(browser: ReturnType<typeof useBrowser>, name: string) {
  const { page, errors } = await browser.page();
  await signIn(page, "admin@example.com");
  await createInDialog(page, "HubSpot Closed Won → onboarding", name);
  await flowNode(page, "account").waitFor();
  await canvasSettled(page);
  return { page, errors };
}
