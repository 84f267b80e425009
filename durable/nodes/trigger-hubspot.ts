/** `trigger.hubspot`: a HubSpot deal reached one of the chosen stages (optionally in one pipeline). */
import { z } from "zod";
import type { NormalizedEvent } from "../triggers";
import { defineNode } from "./define";
import { refId } from "./schemas";
import { fromEvent, sameLabel, triggerOutput } from "./trigger-common";

/** Config of `trigger.hubspot` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  connectorId: refId.meta({ title: "HubSpot connector", "x-widget": "connector:hubspot" }),
  stageIds: z.array(z.string().min(1)).min(1, "Pick at least one stage").meta({ title: "Deal stages (ids)" }),
  pipelineId: z.string().min(1).optional().meta({ title: "Pipeline id" }),
});
/** A parsed `trigger.hubspot` config. */
export type HubspotTriggerConfig = z.infer<typeof config>;

/** True when `event` is a HubSpot deal event on this connector at a configured stage and pipeline. */
export function matches(cfg: HubspotTriggerConfig, event: NormalizedEvent): boolean {
  if (event.kind !== "hubspot" || event.connectorId !== cfg.connectorId) return false;
  if (!cfg.stageIds.some((stage) => sameLabel(stage, event.stageId))) return false;
  return cfg.pipelineId === undefined || sameLabel(cfg.pipelineId, event.pipelineId);
}

/** The `trigger.hubspot` node type. */
export default defineNode({
  type: "trigger.hubspot",
  category: "trigger",
  label: "HubSpot deal stage",
  description: "Starts when a HubSpot deal reaches one of the chosen stages, e.g. Closed Won.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data }) {
    return {
      kind: "next",
      port: "out",
      output: {
        ...triggerOutput("hubspot", cfg.connectorId, data, ["objectId", "event.objectId"]),
        stageId: fromEvent(data, ["propertyValue", "stageId"]),
        eventType: fromEvent(data, ["subscriptionType", "eventType"]),
        stageIds: cfg.stageIds,
      },
    };
  },
});
