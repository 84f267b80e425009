/** Run one node through `executeNode`, inside a minimal workflow with a HubSpot trigger. */
import { executeNode } from "../../../durable/execute";
import type { Definition } from "../../../durable/graph";
import type { NodeOutcome, RunData } from "../../../durable/types";
import { createFakeServices, type Fake, type FakeWorld } from "./fake-services";

export interface NodeRun {
  outcome: NodeOutcome;
  fake: Fake;
}

export const TRIGGER = { id: "trigger", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: { connectorId: "conn-hs", stageIds: ["closedwon"] } };

/** Execute a node of `type` with `config` against `data` (steps defaults to {}). */
export async function runNode(
  type: string,
  config: Record<string, unknown>,
  data: Partial<RunData> = {},
  world: Partial<FakeWorld> = {},
  fake: Fake = createFakeServices(world),
): Promise<NodeRun> {
  const def: Definition = {
    nodes: type.startsWith("trigger.") ? [{ id: "n1", type, position: { x: 0, y: 0 }, config }] : [TRIGGER, { id: "n1", type, position: { x: 1, y: 0 }, config }],
    edges: [],
  };
  const outcome = await executeNode(def, "n1", { steps: {}, ...data } as RunData, fake.services);
  return { outcome, fake };
}

/** Narrow an outcome to one kind or fail the test with what it really was. */
export function expectKind<K extends NodeOutcome["kind"]>(outcome: NodeOutcome, kind: K): Extract<NodeOutcome, { kind: K }> {
  if (outcome.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(outcome)}`);
  return outcome as Extract<NodeOutcome, { kind: K }>;
}
