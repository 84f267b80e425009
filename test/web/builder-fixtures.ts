/** The real node catalog (as `GET /api/node-types` serves it) and helpers for builder tests. */
import { nodeCatalog } from "../../durable/registry";
import type { Definition, NodeTypeInfo } from "../../web/lib/api-types";
import { createCatalog } from "../../web/builder/catalog";

export const NODE_TYPES = nodeCatalog() as unknown as NodeTypeInfo[];
export const catalog = createCatalog(NODE_TYPES);
export const schemaOf = (type: string) => catalog.byType.get(type)!.schema;

/** Journey 2 of SPEC.md, shaped like the preset: trigger → switch on ARR → two assigns → template → end. */
export const journey2 = (): Definition => ({
  nodes: [
    { id: "trigger", type: "trigger.salesforce", position: { x: 0, y: 0 }, config: { connectorId: "conn_sf", stages: ["Closed Won"] } },
    { id: "account", type: "action.create_account", position: { x: 280, y: 0 }, config: {} },
    {
      id: "by_arr",
      type: "logic.switch",
      name: "ARR band",
      position: { x: 560, y: 0 },
      config: { cases: [{ id: "enterprise", label: "Enterprise", combine: "all", rules: [{ field: "deal.arr", op: "gte", value: 100000 }] }] },
    },
    { id: "senior", type: "action.assign_csm", position: { x: 840, y: -100 }, config: { poolId: "pool_senior", strategy: "weighted" } },
    { id: "general", type: "action.assign_csm", position: { x: 840, y: 100 }, config: { poolId: "pool_general", strategy: "round_robin" } },
    { id: "template", type: "action.apply_template", position: { x: 1120, y: 0 }, config: { templateId: "tpl_1" } },
    { id: "done", type: "end", position: { x: 1400, y: 0 }, config: { outcome: "completed" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "account" },
    { id: "e2", source: "account", target: "by_arr" },
    { id: "e3", source: "by_arr", sourcePort: "enterprise", target: "senior" },
    { id: "e4", source: "by_arr", sourcePort: "default", target: "general" },
    { id: "e5", source: "senior", sourcePort: "out", target: "template" },
    { id: "e6", source: "senior", sourcePort: "none", target: "done" },
    { id: "e7", source: "general", sourcePort: "out", target: "template" },
    { id: "e8", source: "general", sourcePort: "none", target: "done" },
    { id: "e9", source: "template", target: "done" },
  ],
});
