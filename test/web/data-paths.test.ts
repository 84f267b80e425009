// @vitest-environment node
import { describe, expect, it } from "vitest";
import { configSummary } from "../../web/builder/canvas/flow-model";
import { dataPaths } from "../../web/builder/data-paths";
import { journey2 } from "./builder-fixtures";

describe("fields offered to a step", () => {
  it("offer account and CSM fields only after a step that creates the account or assigns the CSM", () => {
    const def = journey2();
    const types = new Map(def.nodes.map((n) => [n.id, n.type]));
    expect(types.get("account")).toBe("action.create_account");
    // At the account step itself nothing has created the account yet.
    const atAccount = dataPaths(def, "account");
    expect(atAccount.some((p) => p.startsWith("account."))).toBe(false);
    expect(atAccount.some((p) => p.startsWith("csm."))).toBe(false);
    // At the template step the account exists and a CSM has been assigned on the way.
    const atTemplate = dataPaths(def, "template");
    expect(atTemplate).toContain("account.name");
    expect(atTemplate).toContain("csm.email");
    // Asked for no particular step, everything a run can hold is offered.
    expect(dataPaths(def, null)).toEqual(expect.arrayContaining(["account.name", "csm.email"]));
  });
});

describe("a trigger's summary on the canvas", () => {
  it("names HubSpot's default stages by their labels and keeps custom stage ids", () => {
    const trigger = (stageIds: string[]) => ({ id: "t", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: { connectorId: "c", stageIds } });
    expect(configSummary(trigger(["closedwon"]), new Map())).toBe("Stage: Closed Won");
    expect(configSummary(trigger(["closedwon", "1200000"]), new Map())).toBe("Stage: Closed Won, 1200000");
  });
});
