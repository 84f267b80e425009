/** `action.update_crm`: write values back to the deal's CRM record (e.g. the CSM, an onboarding link). */
import { z } from "zod";
import { render } from "../lib/template";
import { NodeError } from "../types";
import { defineNode } from "./define";
import { retryShape, template } from "./schemas";

/** CRM property API names: HubSpot `plan_tier`, Salesforce `CSM__c`, Notion names with spaces. */
const propertyName = z.string().min(1).max(200);

/** Config of `action.update_crm` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  properties: z
    .record(propertyName, template("Value", 5000))
    .refine((p) => Object.keys(p).length > 0, "Add at least one property")
    .meta({ title: "Properties", "x-widget": "key-template-map" }),
  ...retryShape,
});

/** The `action.update_crm` node type. */
export default defineNode({
  type: "action.update_crm",
  category: "action",
  label: "Update CRM record",
  description: "Writes values back to the deal in the CRM — in test runs only recorded as “would update”.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data, services }) {
    const deal = data.deal;
    if (!deal) throw new NodeError("There is no deal to update: put Extract deal data before this step", "no_deal", false);
    const properties: Record<string, string> = {};
    const missing = new Set<string>();
    for (const [name, tpl] of Object.entries(cfg.properties)) {
      const rendered = render(tpl, data);
      if (rendered.errors.length) throw new NodeError(`${name}: ${rendered.errors.join("; ")}`, "template_error", false);
      rendered.missing.forEach((m) => missing.add(m));
      properties[name] = rendered.text;
    }
    const result = await services.crm.update(deal, properties);
    return { kind: "next", port: "out", output: { properties, sent: result.sent, detail: result.detail, missing: [...missing] } };
  },
});
