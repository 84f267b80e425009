/** `trigger.salesforce`: a Salesforce Opportunity reached one of the chosen stages. */
import { z } from "zod";
import type { NormalizedEvent } from "../triggers";
import { defineNode } from "./define";
import { refId } from "./schemas";
import { fromEvent, sameLabel, triggerOutput } from "./trigger-common";

/** Config of `trigger.salesforce` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  connectorId: refId.meta({ title: "Salesforce connector", "x-widget": "connector:salesforce" }),
  stages: z.array(z.string().min(1)).min(1, "Pick at least one stage").meta({ title: "Opportunity stages" }),
});
/** A parsed `trigger.salesforce` config. */
export type SalesforceTriggerConfig = z.infer<typeof config>;

/** True when `event` is an Opportunity on this connector whose stage is one of the configured ones. */
export function matches(cfg: SalesforceTriggerConfig, event: NormalizedEvent): boolean {
  if (event.kind !== "salesforce" || event.connectorId !== cfg.connectorId) return false;
  return cfg.stages.some((stage) => sameLabel(stage, event.stage));
}

/** The `trigger.salesforce` node type. */
export default defineNode({
  type: "trigger.salesforce",
  category: "trigger",
  label: "Salesforce opportunity stage",
  description: "Starts when a Salesforce Opportunity reaches one of the chosen stages, e.g. Closed Won.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data }) {
    return {
      kind: "next",
      port: "out",
      output: {
        ...triggerOutput("salesforce", cfg.connectorId, data, ["objectId", "sObject.Id", "Id"]),
        stage: fromEvent(data, ["stage", "sObject.StageName", "StageName"]),
        stages: cfg.stages,
      },
    };
  },
});
