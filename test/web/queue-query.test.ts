import { describe, expect, it } from "vitest";
import { withQuery } from "../../web/lib/api";
import { queueQueryParams } from "../../web/lib/endpoints/queue";
import { defaultTab, filtersFromQuery, filtersToSearch, listQueryFor, tabsFor, type QueueFilters } from "../../web/pages/queue/query";

const base: QueueFilters = { tab: "mine", kind: "", workflowId: "", overdue: false, test: false };
/** The request the dashboard makes for a view. */
const url = (f: Partial<QueueFilters>, role: "admin" | "csm" = "csm") => withQuery("/api/queue", queueQueryParams(listQueryFor({ ...base, ...f }, role)));

describe("queue tabs and filters → GET /api/queue", () => {
  it("maps each tab to its query", () => {
    expect(url({ tab: "mine" })).toBe("/api/queue?status=active&assignee=me&mode=live");
    expect(url({ tab: "pool" })).toBe("/api/queue?status=active&pool=mine&mode=live");
    expect(url({ tab: "done" })).toBe("/api/queue?status=done&mode=live");
    expect(url({ tab: "all" }, "admin")).toBe("/api/queue?status=active&mode=live");
    // Admins rarely belong to pools: their Pool tab shows what nobody owns yet.
    expect(url({ tab: "pool" }, "admin")).toBe("/api/queue?status=active&assignee=unassigned&mode=live");
  });

  it("adds kind, workflow, overdue and test mode", () => {
    expect(url({ tab: "pool", kind: "approval", workflowId: "wf_1", overdue: true, test: true })).toBe(
      "/api/queue?status=active&pool=mine&kind=approval&workflowId=wf_1&overdue=true&mode=test",
    );
    // Finished work cannot be overdue: the filter is dropped on Done.
    expect(url({ tab: "done", overdue: true })).toBe("/api/queue?status=done&mode=live");
  });

  it("offers All to admins only and lands each role on its own default", () => {
    expect(tabsFor("csm")).toEqual(["mine", "pool", "done"]);
    expect(tabsFor("admin")).toEqual(["mine", "pool", "all", "done"]);
    expect(defaultTab("csm")).toBe("mine");
    expect(defaultTab("admin")).toBe("all");
  });

  it("reads the view from the address and writes it back without defaults", () => {
    const f = filtersFromQuery({ tab: "pool", kind: "review", workflow: "wf_9", overdue: "1", test: "1" }, "csm");
    expect(f).toEqual({ tab: "pool", kind: "review", workflowId: "wf_9", overdue: true, test: true });
    expect(filtersToSearch(f, "csm")).toBe("?tab=pool&kind=review&workflow=wf_9&overdue=1&test=1");
    expect(filtersToSearch(base, "csm")).toBe("");
    expect(filtersToSearch({ ...base, tab: "all" }, "admin")).toBe("");
  });

  it("ignores values it does not know, and All for a CSM", () => {
    expect(filtersFromQuery({ tab: "all", kind: "nonsense" }, "csm")).toEqual(base);
    expect(filtersFromQuery({}, "admin").tab).toBe("all");
  });
});
