/** A small branching draft for the tests of inserting a step on a connection. */
import type { Definition } from "../../web/lib/api-types";

export const at = (x: number, y = 0) => ({ x, y });
/** Each edge as `source:port>target`, sorted. */
export const links = (def: Definition) => def.edges.map((e) => `${e.source}:${e.sourcePort ?? "-"}>${e.target}`).sort();

/** Trigger → "Is enterprise?": Yes → Create account → End, No → End; rows 140 apart as the presets are. */
export const branching = (): Definition => ({
  nodes: [
    { id: "trigger", type: "trigger.hubspot", position: at(0), config: {} },
    { id: "check", type: "logic.condition", name: "Is enterprise?", position: at(0, 140), config: { combine: "all", rules: [] } },
    { id: "account", type: "action.create_account", position: at(-140, 280), config: {} },
    { id: "done", type: "end", position: at(0, 420), config: { outcome: "completed" } },
    { id: "lost", type: "end", position: at(280, 280), config: { outcome: "failed" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "check" },
    { id: "e2", source: "check", sourcePort: "true", target: "account" },
    { id: "e3", source: "check", sourcePort: "false", target: "lost" },
    { id: "e4", source: "account", target: "done" },
  ],
});

/** No measured sizes: every step the default size. */
export const noSizes = () => undefined;
