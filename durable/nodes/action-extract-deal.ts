/**
 * `action.extract_deal`: fetch the full CRM record behind the trigger (company, contacts, owner),
 * normalised to the same `deal` shape whatever the CRM. A test run that was given a deal and no
 * event keeps that deal instead of calling the CRM.
 */
import { z } from "zod";
import { NodeError, type Deal } from "../types";
import { defineNode } from "./define";
import { retryShape } from "./schemas";

/** Config of `action.extract_deal` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({ ...retryShape });

/** The few deal facts worth showing in the step log (the full record is in run data `deal`). */
export function dealSummary(deal: Deal): Record<string, unknown> {
  return {
    source: deal.source,
    objectId: deal.objectId,
    name: deal.name,
    amount: deal.amount,
    arr: deal.arr,
    currency: deal.currency,
    stage: deal.stage,
    company: deal.company?.name ?? null,
    domain: deal.company?.domain ?? null,
    primaryContact: deal.primaryContact?.email ?? null,
    owner: deal.owner?.email ?? null,
  };
}

/** The `action.extract_deal` node type. */
export default defineNode({
  type: "action.extract_deal",
  category: "action",
  label: "Extract deal data",
  description: "Fetches the full CRM record with company, contacts and owner, normalised.",
  config,
  ports: ["out"],
  async execute({ data, services, trigger }) {
    const hasEvent = data.trigger !== undefined && data.trigger !== null;
    if (!hasEvent && data.deal) {
      return {
        kind: "next",
        port: "out",
        output: { ...dealSummary(data.deal), kept: true, note: "The run was started with a deal record; nothing was fetched" },
      };
    }
    if (!hasEvent) throw new NodeError("There is no trigger event and no deal to extract", "no_trigger_event", false);
    const deal = await services.crm.fetchDeal(data.trigger, trigger?.connectorId ?? null);
    return { kind: "next", port: "out", output: { ...dealSummary(deal), kept: false }, set: { deal } };
  },
});
