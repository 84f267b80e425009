import { describe, expect, it } from "vitest";
import { isFiltered, runViewFromQuery, runViewToSearch, STATUS_OPTIONS, withFilters, type RunView } from "../../web/pages/runs/query";

const plain: RunView = { status: "", mode: "live", workflowId: "", q: "", cursor: null, page: 1 };

describe("the Runs list's view in the address", () => {
  it("round-trips every part and leaves defaults out", () => {
    const v: RunView = { status: "failed", mode: "all", workflowId: "wf_1", q: "acme & co", cursor: "abc", page: 3 };
    const search = runViewToSearch(v);
    expect(search).toBe("?workflow=wf_1&status=failed&mode=all&q=acme+%26+co&cursor=abc&page=3");
    expect(runViewFromQuery(Object.fromEntries(new URLSearchParams(search)))).toEqual(v);
    expect(runViewToSearch(plain)).toBe("");
    expect(runViewFromQuery({})).toEqual(plain);
  });

  it("ignores what it does not offer, and a page number without a cursor or that is not one", () => {
    expect(runViewFromQuery({ status: "exploded", mode: "everything", page: "4" })).toEqual(plain);
    expect(runViewFromQuery({ cursor: "abc", page: "-2" }).page).toBe(2);
    expect(runViewFromQuery({ cursor: "abc", page: "2.5" }).page).toBe(2);
    expect(runViewFromQuery({ cursor: "abc", page: "1e9" }).page).toBe(2);
    expect(runViewFromQuery({ q: "x".repeat(500) }).q).toHaveLength(200);
  });

  it("starts a changed filter or search on the first page", () => {
    const onPage3: RunView = { ...plain, cursor: "abc", page: 3 };
    expect(withFilters(onPage3, { q: "acme" })).toEqual({ ...plain, q: "acme" });
    expect(runViewToSearch(withFilters(onPage3, { status: "paused" }))).toBe("?status=paused");
  });

  it("counts a search of spaces as no filter, and calls a waiting run Waiting", () => {
    expect(isFiltered({ ...plain, q: "  " })).toBe(false);
    expect(isFiltered({ ...plain, q: "a" })).toBe(true);
    expect(isFiltered({ ...plain, mode: "test" })).toBe(false);
    expect(STATUS_OPTIONS.find((o) => o.value === "paused")!.label).toBe("Waiting");
  });
});
