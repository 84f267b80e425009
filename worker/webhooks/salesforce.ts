/**
 * `POST /webhooks/salesforce/:connectorId`: Salesforce Outbound Messages. They carry no signature,
 * so the sender is checked by its OrganizationId (plus the unguessable connector id in the URL).
 * Every accepted message is answered with the exact SOAP `Ack`, also when nothing matched —
 * anything else makes Salesforce redeliver for 24 hours. Errors are SOAP faults.
 */
import type { Database } from "../db/client";
import { dispatchEvents, type DispatchEnv } from "../crm/dispatch";
import { logRejected } from "../crm/event-log";
import { withReceiverConnector } from "../crm/receiver-connector";
import { salesforceStageKey } from "../crm/salesforce";
import { parseOutboundMessage, sameOrganization, SOAP_ACK, soapFault, SoapParseError, type OutboundMessage } from "../crm/salesforce-soap";
import { isoMs } from "../crm/normalise";
import type { IncomingEvent } from "../crm/types";
import { readBody } from "./common";

const xml = (status: number, body: string) => new Response(body, { status, headers: { "content-type": "text/xml; charset=utf-8" } });

/** Each notification → an event. A stage change time in the message lets polling dedupe against it. */
export function salesforceEvents(msg: OutboundMessage, connectorId: string): IncomingEvent[] {
  return msg.notifications.map((n) => {
    const objectId = n.fields.Id ?? null;
    const stage = n.fields.StageName ?? null;
    const raw = { source: "outbound_message", organizationId: msg.organizationId, actionId: msg.actionId, notificationId: n.id, objectType: n.objectType, objectId, stage, sObject: n.fields };
    const base = { type: `outbound_message.${n.objectType ?? "unknown"}`, objectId, raw, subjectName: n.fields.Name ?? null };
    const stageAt = isoMs(n.fields.LastStageChangeDate);
    const eventKey = objectId && stage && stageAt !== null ? salesforceStageKey(objectId, stage, stageAt) : `notification:${n.id}`;
    if (n.objectType !== "Opportunity" || !objectId) {
      return { ...base, eventKey, event: null, ignoreReason: `Only Opportunity notifications start workflows (this was ${n.objectType ?? "an unknown object"}).` };
    }
    if (!stage) {
      return { ...base, eventKey, event: null, ignoreReason: "The message has no StageName: add StageName to the Outbound Message's fields in Salesforce." };
    }
    return { ...base, eventKey, event: { kind: "salesforce" as const, connectorId, objectId, stage } };
  });
}

const answers = {
  notFound: () => xml(404, soapFault("Client", "No Salesforce connector at this address.")),
  unavailable: (message: string) => xml(503, soapFault("Server", message)),
};

export async function receiveSalesforce(env: DispatchEnv, db: Database, connectorId: string, req: Request): Promise<Response> {
  const body = await readBody(req);
  if (body === null) return xml(413, soapFault("Client", "The message is too large."));
  let msg: OutboundMessage;
  try {
    msg = parseOutboundMessage(body);
  } catch (e) {
    // Checked on a fresh read only: an unknown connector answers 404 before anything is logged.
    return withReceiverConnector(env, db, connectorId, "salesforce", answers, async (_, beforeRefusing) => {
      beforeRefusing();
      const reason = e instanceof SoapParseError ? e.message : "The body is not a SOAP Outbound Message.";
      await logRejected(db, connectorId, { type: "malformed_xml", reason, body });
      return xml(400, soapFault("Client", reason));
    });
  }
  return withReceiverConnector(env, db, connectorId, "salesforce", answers, async (connector, beforeRefusing) => {
    const expected = String(connector.credentials.organizationId ?? "");
    if (!sameOrganization(expected, msg.organizationId)) {
      // The organisation may have been changed since this connector was read: refuse only on a fresh read.
      beforeRefusing();
      const reason = `The message is from Salesforce organisation ${msg.organizationId}, not this connector's (${expected}).`;
      await logRejected(db, connectorId, { type: "wrong_organization", reason, body });
      return xml(403, soapFault("Client", reason));
    }
    const { retryLater } = await dispatchEvents(env, db, connector, salesforceEvents(msg, connectorId), { onlyIfUnchanged: true });
    // A fault (not an Ack) makes Salesforce keep the message and deliver it again later.
    if (retryLater) return xml(500, soapFault("Server", retryLater));
    return xml(200, SOAP_ACK);
  });
}
