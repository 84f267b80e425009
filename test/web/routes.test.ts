import { describe, expect, it } from "vitest";
import { canAccess, homePath, isCurrentSection, matchRoute, navRoutes, routes, type AppRoute } from "../../web/routes";

const Page = () => null;
const route = (path: string, access: AppRoute["access"], nav: AppRoute["nav"] = true): AppRoute => ({ path, title: path, access, nav, component: Page });

describe("routes and nav", () => {
  it("admins see Team; CSMs never see admin pages", () => {
    expect(navRoutes("admin").map((r) => r.path)).toContain("/team");
    expect(navRoutes("csm").map((r) => r.path)).not.toContain("/team");
    for (const r of navRoutes("csm")) expect(r.access).toContain("csm");
  });

  it("never lists public pages (sign-in) in the nav", () => {
    for (const role of ["admin", "csm"] as const) {
      expect(navRoutes(role).some((r) => r.access === "public")).toBe(false);
    }
  });

  it("lands each role on the first preferred page that exists", () => {
    expect(homePath("admin")).toBe("/workflows");
    expect(homePath("csm")).toBe("/queue");
    // Before any preferred page exists, "/" is home and shows in the nav.
    const early = routes.filter((r) => r.path === "/" || r.path === "/login");
    expect(homePath("csm", early)).toBe("/");
    expect(navRoutes("csm", early).map((r) => r.path)).toEqual(["/"]);
  });

  it("shows Home only to the role that lands on it", () => {
    expect(navRoutes("csm").map((r) => r.path)).toEqual(["/queue", "/accounts"]);
    expect(navRoutes("admin").map((r) => r.path)).not.toContain("/");
  });

  it("filters a custom list by role and nav flag", () => {
    const list = [route("/a", ["admin"]), route("/b", ["admin", "csm"]), route("/c", ["csm"], false), route("/login", "public", false)];
    expect(navRoutes("csm", list).map((r) => r.path)).toEqual(["/b"]);
    expect(navRoutes("admin", list).map((r) => r.path)).toEqual(["/a", "/b"]);
    expect(canAccess(list[0], "csm")).toBe(false);
    expect(canAccess(list[3], null)).toBe(true);
    expect(canAccess(list[1], null)).toBe(false);
  });

  it("matches patterns and marks the current section", () => {
    const list = [route("/workflows", ["admin"]), route("/workflows/:id", ["admin"])];
    expect(matchRoute("/workflows/w1", list)?.path).toBe("/workflows/:id");
    expect(matchRoute("/nowhere", list)).toBeUndefined();
    expect(isCurrentSection("/workflows", "/workflows/w1")).toBe(true);
    expect(isCurrentSection("/workflows", "/workflowsx")).toBe(false);
    expect(isCurrentSection("/", "/team")).toBe(false);
  });
});
