/** A verified HubSpot webhook batch → events for dedupe and matching. */
import { z } from "zod";
import type { HubspotEvent } from "../../durable/triggers";
import { hubspotStageKey } from "../crm/hubspot";
import type { ConnectorSettings } from "../crm/settings";
import type { IncomingEvent } from "../crm/types";

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String);

/** The fields we rely on; HubSpot adds fields over time, so the rest pass through untouched. */
export const HubspotWebhookEvent = z.looseObject({
  eventId: id.optional(),
  subscriptionId: id.optional(),
  portalId: id.optional(),
  occurredAt: z.number().int().nonnegative(),
  subscriptionType: z.string().max(200).optional(),
  eventType: z.string().max(200).optional(),
  objectTypeId: z.string().max(50).optional(),
  objectId: id,
  propertyName: z.string().max(200).optional(),
  propertyValue: z.union([z.string().max(2000), z.null()]).optional(),
});
export const HubspotBatch = z.array(HubspotWebhookEvent).min(1).max(1000);

const isDeal = (type: string, objectTypeId?: string) => type.startsWith("deal.") || (type.startsWith("object.") && objectTypeId === "0-3");

/**
 * Stage changes and new deals can start workflows; other events are logged and ignored. Keys:
 * a stage change is "deal entered stage at time" (shared with polling); everything else uses the
 * composite the fixtures README recommends, because HubSpot's `eventId` alone is not unique.
 */
export function hubspotEvents(batch: z.infer<typeof HubspotBatch>, connectorId: string, settings: ConnectorSettings): IncomingEvent[] {
  return batch.map((e) => {
    const type = e.subscriptionType ?? e.eventType ?? "unknown";
    const composite = [e.portalId, e.subscriptionId, e.eventId, e.objectId, e.propertyName, e.propertyValue, e.occurredAt].map((v) => v ?? "").join(":");
    const base = { type, objectId: e.objectId, raw: e };
    if (settings.portalId && e.portalId && e.portalId !== settings.portalId) {
      return { ...base, eventKey: composite, event: null, ignoreReason: `The event is from HubSpot account ${e.portalId}; this connector is for account ${settings.portalId}.` };
    }
    if (!isDeal(type, e.objectTypeId)) {
      return { ...base, eventKey: composite, event: null, ignoreReason: `Only deal events start workflows (this was ${type}).` };
    }
    const event: HubspotEvent = { kind: "hubspot", connectorId, objectId: e.objectId, stageId: null, pipelineId: null, eventType: type };
    if (type.endsWith(".propertyChange") && e.propertyName === "dealstage" && e.propertyValue) {
      return { ...base, eventKey: hubspotStageKey(e.objectId, e.propertyValue, e.occurredAt), event: { ...event, stageId: e.propertyValue } };
    }
    if (type.endsWith(".creation")) {
      return { ...base, eventKey: `deal:${e.objectId}:creation@${e.occurredAt}`, event };
    }
    const what = e.propertyName ? `a change of “${e.propertyName}”` : type;
    return { ...base, eventKey: composite, event: null, ignoreReason: `Only deal stage changes and new deals start workflows (this was ${what}).` };
  });
}
