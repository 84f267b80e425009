/** Complete a human node of `type` through `completeTask`, as the run object does. */
import { completeTask } from "../../../durable/execute";
import type { TaskCompletion } from "../../../durable/nodes/define";
import type { RunData } from "../../../durable/types";
import { NOW } from "./fake-services";
import { TRIGGER } from "./run-node";

export function complete(type: string, config: Record<string, unknown>, input: TaskCompletion, data: Partial<RunData> = {}) {
  const def = { nodes: [TRIGGER, { id: "n1", type, position: { x: 1, y: 0 }, config }], edges: [] };
  return completeTask(def, "n1", { steps: {}, ...data } as RunData, input, NOW);
}
