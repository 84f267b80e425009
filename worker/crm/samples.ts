/**
 * Sample CRM events for "Send test event": the fixture events (test/fixtures), made fresh (new
 * event ids, now as the time) so each press is a new delivery rather than a duplicate. Each names
 * one of a few sample records, all of which exist in the demo's fake CRMs (test/fakes keeps the same
 * ids), so a run's CRM reads succeed whichever is picked.
 */
import { randomBytes, toHex } from "../lib/crypto";

export const SAMPLE_HUBSPOT_DEAL_ID = 24587310912;
export const SAMPLE_HUBSPOT_PORTAL_ID = 48211937;
export const SAMPLE_SALESFORCE_OPPORTUNITY_ID = "0065g00000Bq7XkAAJ";
export const SAMPLE_NOTION_DATABASE_ID = "1e9a3b5c-7d2e-8041-a6f8-e3b2c1d09a7f";
export const SAMPLE_NOTION_DATA_SOURCE_ID = "1e9a3b5c-7d2e-8182-b9c4-000b7e6f2a10";
/** The page `page-created.json` announces, and the one `page-properties-updated.json` changes. */
export const SAMPLE_NOTION_CREATED_PAGE_ID = "1f4e5c7a-2b3d-8011-b3f5-7a0c9e2d4b68";
export const SAMPLE_NOTION_UPDATED_PAGE_ID = "1f4e5c7a-2b3d-80a9-8e61-c9d0b7a4f213";

/** The records a test event may name, the fixture's first; the fake CRMs serve every one. */
export const SAMPLE_RECORDS = {
  hubspot: [String(SAMPLE_HUBSPOT_DEAL_ID), "24587310977", "24587311043"],
  salesforce: [SAMPLE_SALESFORCE_OPPORTUNITY_ID, "0065g00000Bq7XlAAJ", "0065g00000Bq7XmAAJ"],
  "notion:page.created": [SAMPLE_NOTION_CREATED_PAGE_ID, "1f4e5c7a-2b3d-8011-b3f5-7a0c9e2d4b69", "1f4e5c7a-2b3d-8011-b3f5-7a0c9e2d4b6a"],
  "notion:page.properties_updated": [SAMPLE_NOTION_UPDATED_PAGE_ID, "1f4e5c7a-2b3d-80a9-8e61-c9d0b7a4f214", "1f4e5c7a-2b3d-80a9-8e61-c9d0b7a4f215"],
} as const;

/** The opportunity names an outbound message carries (the run's subject), by sample id. */
const SALESFORCE_NAMES: Record<string, string> = {
  "0065g00000Bq7XlAAJ": "Larkspur Labs - Growth - 1yr",
  "0065g00000Bq7XmAAJ": "Ottermere Retail - Enterprise - 2yr",
};

const randomInt = (digits: number) => Number(`${1 + (randomBytes(1)[0] % 9)}${[...randomBytes(digits - 1)].map((b) => b % 10).join("")}`);

function uuid(): string {
  const h = toHex(randomBytes(16));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `deal-propertychange-closedwon.json` for deal `objectId`, at `stageId`, now. */
export function sampleHubspotBatch(stageId: string, portalId: number, objectId: string = String(SAMPLE_HUBSPOT_DEAL_ID), now = Date.now()) {
  return [
    {
      eventId: randomInt(10),
      subscriptionId: 2214587,
      portalId,
      appId: 3154820,
      occurredAt: now,
      subscriptionType: "deal.propertyChange",
      attemptNumber: 0,
      objectId: Number(objectId),
      propertyName: "dealstage",
      propertyValue: stageId,
      changeSource: "CRM_UI",
      sourceId: "userId:9876543",
    },
  ];
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[ch]!);

/** `outbound-opportunity-closedwon.xml` from `organizationId` for `opportunityId`, at `stage`, with a new notification id. */
export function sampleOutboundMessage(organizationId: string, stage: string, opportunityId: string = SAMPLE_SALESFORCE_OPPORTUNITY_ID): string {
  const notificationId = `04l5g${toHex(randomBytes(7)).slice(0, 10).toUpperCase()}AAK`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${xmlEscape(organizationId)}</OrganizationId>
   <ActionId>04k5g000000TbQxAAK</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://northwind-saas.my.salesforce.com/services/Soap/c/62.0/${xmlEscape(organizationId.slice(0, 15))}</EnterpriseUrl>
   <PartnerUrl>https://northwind-saas.my.salesforce.com/services/Soap/u/62.0/${xmlEscape(organizationId.slice(0, 15))}</PartnerUrl>
   <Notification>
    <Id>${notificationId}</Id>
    <sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>${xmlEscape(opportunityId)}</sf:Id>
     <sf:ARR__c>126000.0</sf:ARR__c>
     <sf:AccountId>0015g00000NhTzRAAV</sf:AccountId>
     <sf:Amount>126000.0</sf:Amount>
     <sf:CloseDate>2026-03-30</sf:CloseDate>
     <sf:IsClosed>true</sf:IsClosed>
     <sf:IsWon>true</sf:IsWon>
     <sf:Name>${xmlEscape(SALESFORCE_NAMES[opportunityId] ?? "Cobalt Ridge Health - Enterprise - 3yr")}</sf:Name>
     <sf:OwnerId>0055g00000AeRq2AAF</sf:OwnerId>
     <sf:Plan_Tier__c>Enterprise</sf:Plan_Tier__c>
     <sf:StageName>${xmlEscape(stage)}</sf:StageName>
     <sf:Type>New Business</sf:Type>
    </sObject>
   </Notification>
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>
`;
}

/** `page-created.json` or `page-properties-updated.json` (the Status property changed) for `pageId`, fresh. */
export function sampleNotionEvent(type: "page.created" | "page.properties_updated", databaseId: string, pageId?: string, now = Date.now()) {
  return {
    id: uuid(),
    timestamp: new Date(now).toISOString(),
    workspace_id: "86a111e2-c404-4522-a8d2-70c1c7f75029",
    workspace_name: "Northwind SaaS",
    subscription_id: "1e2d872b-594c-81a7-9f3e-0097c4d2b8a1",
    integration_id: "1e0d872b-594c-80f2-b6c1-003a7e9d4f52",
    type,
    authors: [{ id: "eabcbb5e-fc8d-468f-8087-7c9a94e04878", type: "person" }],
    attempt_number: 1,
    api_version: "2025-09-03",
    entity: { id: pageId ?? (type === "page.created" ? SAMPLE_NOTION_CREATED_PAGE_ID : SAMPLE_NOTION_UPDATED_PAGE_ID), type: "page" },
    data: {
      parent: { id: databaseId, type: "database", data_source_id: SAMPLE_NOTION_DATA_SOURCE_ID },
      ...(type === "page.properties_updated" ? { updated_properties: ["Z%3BqK"] } : {}),
    },
  };
}
