import { describe, expect, it } from "vitest";
import { call } from "./helpers";

describe("static assets", () => {
  it("hashed files under /assets are kept by browsers for good; the page itself is asked for each time", async () => {
    const page = await call("/workflows");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control") ?? "").not.toContain("immutable");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect(script).toBeTruthy();
    const asset = await call(script!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // The rules file configures the assets; it is not one of them.
    expect((await call("/_headers")).text).not.toContain("Cache-Control");
  });
});
