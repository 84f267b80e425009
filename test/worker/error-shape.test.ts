import { describe, expect, it } from "vitest";
import { call, expectErrorShape, signedIn } from "./helpers";

/** Every JSON route from the OpenAPI document, with path parameters filled in. */
async function jsonRoutes(cookie: string) {
  const doc = (await call("/api/openapi.json", { cookie })).json;
  const routes: { method: string; path: string }[] = [];
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    if (!path.startsWith("/api/")) continue;
    for (const [method, op] of Object.entries<any>(ops)) {
      if (!["post", "put", "patch"].includes(method)) continue;
      if (!op.requestBody?.content?.["application/json"]) continue;
      routes.push({ method: method.toUpperCase(), path: path.replace(/\{v\}/g, "1").replace(/\{token\}/g, "t".repeat(43)).replace(/\{[^}]+\}/g, "nope") });
    }
  }
  return routes;
}

describe("error shape on every route with a JSON body", () => {
  it("malformed JSON → 400 and an invalid body → 422, both in the API.md shape", async () => {
    const { cookie } = await signedIn("admin");
    const routes = await jsonRoutes(cookie);
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      const malformed = await call(r.path, { method: r.method, cookie, rawBody: '{"oops":' });
      expect(malformed.status, `${r.method} ${r.path} malformed`).toBe(400);
      expectErrorShape(malformed.json);
      expect(malformed.json.error.code).toBe("malformed_json");

      const invalid = await call(r.path, { method: r.method, cookie, body: [1, "not an object"] });
      expect([404, 422], `${r.method} ${r.path} invalid → ${invalid.status} ${invalid.text}`).toContain(invalid.status);
      expectErrorShape(invalid.json);
      if (invalid.status === 422) expect(invalid.json.error.details.length, `${r.method} ${r.path}`).toBeGreaterThan(0);
    }
  });

  it("a JSON body sent as another content type is refused with the error shape, never a 500", async () => {
    const { cookie } = await signedIn("admin");
    for (const r of await jsonRoutes(cookie)) {
      const res = await call(r.path, { method: r.method, cookie, rawBody: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(res.status, `${r.method} ${r.path}`).toBeLessThan(500);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expectErrorShape(res.json);
    }
  });
});
