/**
 * Salesforce Outbound Messages: parsing the SOAP request with fast-xml-parser, and the two answers
 * a listener gives — the `Ack` (exactly as Salesforce documents it) or a SOAP fault.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { obj, str } from "./normalise";

export interface OutboundNotification {
  /** `04l…`: Salesforce's advice is to dedupe on it. */
  id: string;
  /** `Opportunity` from `xsi:type="sf:Opportunity"`. */
  objectType: string | null;
  /** The `sf:` fields chosen in the message definition, as text. */
  fields: Record<string, string | null>;
}

export interface OutboundMessage {
  organizationId: string;
  actionId: string | null;
  notifications: OutboundNotification[];
}

/** The acknowledgement body, byte for byte as in the fixture `outbound-ack-response.xml`. */
export const SOAP_ACK = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
 <soapenv:Body>
  <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">
   <Ack>true</Ack>
  </notificationsResponse>
 </soapenv:Body>
</soapenv:Envelope>
`;

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[ch]!);

/** A SOAP 1.1 fault; `Client` blames the request, `Server` blames us. */
export function soapFault(code: "Client" | "Server", message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
 <soapenv:Body>
  <soapenv:Fault>
   <faultcode>soapenv:${code}</faultcode>
   <faultstring>${escapeXml(message)}</faultstring>
  </soapenv:Fault>
 </soapenv:Body>
</soapenv:Envelope>
`;
}

export class SoapParseError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  // Ids and numbers stay text: "0065g…" must not become a number, nor "126000.0" lose its form.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === "Notification",
});

/** Text of an element that may be `<x xsi:nil="true"/>` (→ null) or carry attributes. */
function text(v: unknown): string | null {
  if (typeof v === "string") return v;
  const o = obj(v);
  if (!o) return null;
  if (o["@nil"] === "true") return null;
  return typeof o["#text"] === "string" ? o["#text"] : null;
}

/**
 * Parses an Outbound Message. Throws SoapParseError for anything that is not well-formed XML with
 * a `notifications` body; a DOCTYPE is refused outright (SOAP forbids it, and it is where entity
 * expansion attacks live).
 */
export function parseOutboundMessage(xml: string): OutboundMessage {
  if (/<!DOCTYPE/i.test(xml)) throw new SoapParseError("A SOAP message must not contain a DOCTYPE.");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new SoapParseError(`The body is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  const doc = parser.parse(xml) as Record<string, unknown>;
  const body = obj(obj(doc.Envelope)?.Body);
  const n = obj(body?.notifications);
  if (!n) throw new SoapParseError("The SOAP body has no Outbound Message notifications.");
  const organizationId = text(n.OrganizationId);
  if (!organizationId) throw new SoapParseError("The Outbound Message has no OrganizationId.");
  const notifications: OutboundNotification[] = [];
  for (const item of (n.Notification as unknown[]) ?? []) {
    const note = obj(item);
    const id = text(note?.Id);
    const sObject = obj(note?.sObject);
    if (!id || !sObject) throw new SoapParseError("A Notification has no Id or sObject.");
    const fields: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(sObject)) if (!k.startsWith("@")) fields[k] = text(v);
    const type = str(sObject["@type"]);
    notifications.push({ id, objectType: type ? type.replace(/^.*:/, "") : null, fields });
  }
  if (notifications.length === 0) throw new SoapParseError("The Outbound Message has no Notification.");
  return { organizationId, actionId: text(n.ActionId), notifications };
}

/** Same organisation: 18-character ids compare whole; a 15-character id compares as the prefix. */
export function sameOrganization(expected: string, got: string): boolean {
  if (expected.length === got.length) return expected === got;
  const n = Math.min(expected.length, got.length, 15);
  return n === 15 && expected.slice(0, 15) === got.slice(0, 15);
}
