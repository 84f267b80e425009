import { describe, expect, it } from "vitest";
import { openHolderLine } from "../../web/pages/queue/task-panel";
import { ADMIN, CSM } from "./helpers";

const people = new Map([[CSM.id, { id: CSM.id, name: CSM.name, email: CSM.email, role: "csm" as const, outOfOffice: false }]]);
const open = { kind: "approval" as const, assigneeId: null, assigneeEmail: null, poolId: null };

describe("who may act on an open queue item", () => {
  it("a pool's item: any member may claim it", () => {
    expect(openHolderLine({ ...open, poolId: "pool_1" }, ADMIN, people)).toBe("Open — anyone in the pool may claim it.");
  });

  it("a person's item: them, by name or as you", () => {
    expect(openHolderLine({ ...open, assigneeId: CSM.id, poolId: "pool_1" }, ADMIN, people)).toBe(`Assigned to ${CSM.name}. Not claimed yet.`);
    expect(openHolderLine({ ...open, assigneeId: CSM.id }, CSM, people)).toBe("Assigned to you. Not claimed yet.");
  });

  it("no person and no pool (say, its assignee was deactivated): an admin assigns it, no pool is mentioned", () => {
    expect(openHolderLine(open, ADMIN, people)).toBe("Open — nobody is assigned yet; an admin can assign it.");
  });

  it("an outside address without an account, and a handoff form", () => {
    expect(openHolderLine({ ...open, assigneeEmail: "pat@partner.example" }, ADMIN, people)).toBe("Open — meant for pat@partner.example, who has no account here; an admin can act on it.");
    expect(openHolderLine({ ...open, kind: "handoff" as const, assigneeEmail: "pat@partner.example" }, ADMIN, people)).toBe("Waiting for pat@partner.example to send the form.");
  });
});
