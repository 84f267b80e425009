import { describe, expect, it } from "vitest";
import type { Definition, RunDetail } from "../../web/lib/api-types";
import { renderTitle, withRenderedTitles } from "../../web/builder/runs/rendered-titles";
import { runAccount } from "../../web/builder/runs/run-account";

const data = { deal: { name: "Brightline - Growth", arr: 126000, currency: "USD", company: { name: "Brightline" } }, account: { id: "acc_1", name: "Brightline Inc." } };

describe("renderTitle", () => {
  it("renders with the engine's renderer, filters included", () => {
    expect(renderTitle("Approve {{deal.name}}", data)).toBe("Approve Brightline - Growth");
    expect(renderTitle("{{deal.company.name}}: {{deal.arr | currency: deal.currency}}", data)).toBe("Brightline: $126,000");
  });

  it("keeps the text as written when a placeholder has no value or the template is broken", () => {
    expect(renderTitle("Approve {{deal.owner.name}}", data)).toBe("Approve {{deal.owner.name}}");
    expect(renderTitle("Approve {{deal.name", data)).toBe("Approve {{deal.name");
    expect(renderTitle("Approve {{constructor}}", data)).toBe("Approve {{constructor}}");
    expect(renderTitle("No placeholders", data)).toBe("No placeholders");
  });
});

describe("withRenderedTitles", () => {
  const def: Definition = {
    nodes: [
      { id: "a", type: "human.approval", name: "Check {{account.name}}", position: { x: 0, y: 0 }, config: { title: "Approve {{deal.name}}", assignee: { userId: "u_1" } } },
      { id: "b", type: "end", position: { x: 0, y: 0 }, config: {} },
    ],
    edges: [{ id: "e", source: "a", sourcePort: "approved", target: "b" }],
  };

  it("renders names and config titles in a copy, leaving everything else alone", () => {
    const out = withRenderedTitles(def, data);
    expect(out.nodes[0]).toEqual({ ...def.nodes[0], name: "Check Brightline Inc.", config: { title: "Approve Brightline - Growth", assignee: { userId: "u_1" } } });
    expect(out.nodes[1]).toBe(def.nodes[1]);
    expect(out.edges).toBe(def.edges);
    expect(def.nodes[0].name).toBe("Check {{account.name}}");
  });

  it("hands back the same definition when nothing renders differently", () => {
    expect(withRenderedTitles(def, {})).toBe(def);
  });
});

describe("runAccount", () => {
  const run = (steps: Partial<RunDetail["steps"][number]>[], d: Record<string, unknown> = {}) => ({ steps, data: d }) as unknown as RunDetail;

  it("takes the account the Create account step made", () => {
    expect(runAccount(run([{ nodeType: "action.create_account", status: "completed", output: { accountId: "acc_7", name: "Fern" } }]))).toEqual({ id: "acc_7", name: "Fern" });
  });

  it("falls back to the run data's account, and is null when the run made none", () => {
    expect(runAccount(run([], data))).toEqual({ id: "acc_1", name: "Brightline Inc." });
    expect(runAccount(run([{ nodeType: "action.create_account", status: "failed" }]))).toBeNull();
    expect(runAccount(run([], { account: { name: "No id" } }))).toBeNull();
    expect(runAccount(run([], { account: "acc_1" }))).toBeNull();
  });
});
