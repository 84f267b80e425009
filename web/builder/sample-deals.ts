/**
 * Sample deals for the test panel: the three fixture customers of shared/fixtures/README.md, in the
 * normalised `deal` shape (API.md "Run data"), produced once from the fixtures by the CRM adapters.
 * A test run with one of these behaves as if that CRM had delivered the record.
 */
export interface SampleDeal {
  id: string;
  /** Which trigger it suits: the CRM it came from. */
  crm: "hubspot" | "salesforce" | "notion";
  label: string;
  deal: Record<string, unknown>;
}

export const SAMPLE_DEALS: readonly SampleDeal[] = [
  { id: "salesforce-cobalt", crm: "salesforce", label: "Cobalt Ridge Health — Salesforce, 126k ARR, enterprise", deal: {
    "source": "salesforce",
    "objectId": "0065g00000Bq7XkAAJ",
    "url": "https://example.my.salesforce.com/lightning/r/Opportunity/0065g00000Bq7XkAAJ/view",
    "name": "Cobalt Ridge Health - Enterprise - 3yr",
    "amount": 126000,
    "arr": 126000,
    "currency": null,
    "stage": "Closed Won",
    "pipeline": null,
    "closeDate": "2026-03-30",
    "plan": "Enterprise",
    "segment": null,
    "company": {
      "name": "Cobalt Ridge Health",
      "domain": "cobaltridge.example.com",
      "industry": "Healthcare",
      "employees": 1200,
      "country": "Canada",
      "region": "AMER-Canada"
    },
    "primaryContact": {
      "name": "Daniel Whitfield",
      "email": "daniel.whitfield@cobaltridge.example.com"
    },
    "owner": {
      "name": "Priya Natarajan",
      "email": "priya.natarajan@example.com"
    },
    "properties": {
      "Id": "0065g00000Bq7XkAAJ",
      "Name": "Cobalt Ridge Health - Enterprise - 3yr",
      "Amount": 126000,
      "CloseDate": "2026-03-30",
      "StageName": "Closed Won",
      "IsWon": true,
      "ARR__c": 126000,
      "Plan_Tier__c": "Enterprise",
      "Contract_Term_Months__c": 36,
      "Owner": {
        "Name": "Priya Natarajan",
        "Email": "priya.natarajan@example.com"
      },
      "Account": {
        "Id": "0015g00000NhTzRAAV",
        "Name": "Cobalt Ridge Health",
        "Website": "https://cobaltridge.example.com",
        "Industry": "Healthcare",
        "NumberOfEmployees": 1200,
        "BillingCountry": "Canada",
        "Region__c": "AMER-Canada"
      }
    }
  } },
  { id: "hubspot-brightline", crm: "hubspot", label: "Brightline Analytics — HubSpot, 48k ARR, growth", deal: {
    "source": "hubspot",
    "objectId": "24587310912",
    "url": null,
    "name": "Brightline Analytics - Growth plan (annual)",
    "amount": 48000,
    "arr": 48000,
    "currency": "USD",
    "stage": "closedwon",
    "pipeline": "default",
    "closeDate": "2026-03-27",
    "plan": "growth",
    "segment": null,
    "company": {
      "name": "Brightline Analytics",
      "domain": "brightline.example.com",
      "industry": "Computer software",
      "employees": 240,
      "country": "United States",
      "region": "NA-West"
    },
    "primaryContact": {
      "name": "Maya Okafor",
      "email": "maya.okafor@brightline.example.com"
    },
    "owner": {
      "name": "Jordan Reyes",
      "email": "jordan.reyes@example.com"
    },
    "properties": {
      "amount": "48000",
      "closedate": "2026-03-27T16:42:10.512Z",
      "contract_term_months": "12",
      "createdate": "2026-01-14T15:03:27.801Z",
      "deal_currency_code": "USD",
      "dealname": "Brightline Analytics - Growth plan (annual)",
      "dealstage": "closedwon",
      "dealtype": "newbusiness",
      "hs_arr": "48000",
      "hs_lastmodifieddate": "2026-03-27T16:42:14.306Z",
      "hs_object_id": "24587310912",
      "hubspot_owner_id": "81234567",
      "pipeline": "default",
      "plan_tier": "growth"
    }
  } },
  { id: "notion-lumenfield", crm: "notion", label: "Lumenfield Robotics — Notion, 36k ARR, mid-market", deal: {
    "source": "notion",
    "objectId": "1f4e5c7a-2b3d-80a9-8e61-c9d0b7a4f213",
    "url": "https://www.notion.so/Lumenfield-Robotics-1f4e5c7a2b3d80a98e61c9d0b7a4f213",
    "name": "Lumenfield Robotics",
    "amount": 36000,
    "arr": 36000,
    "currency": null,
    "stage": "Ready for onboarding",
    "pipeline": null,
    "closeDate": "2026-03-26",
    "plan": "Growth",
    "segment": "Mid-Market",
    "company": {
      "name": "Lumenfield Robotics",
      "domain": "lumenfield.example.com",
      "industry": "Manufacturing",
      "employees": 310,
      "country": "Germany",
      "region": null
    },
    "primaryContact": {
      "name": "Lena Fischer",
      "email": "lena.fischer@lumenfield.example.com"
    },
    "owner": {
      "name": "Tomás Berg",
      "email": "tomas.berg@example.com"
    },
    "properties": {
      "Account": "Lumenfield Robotics",
      "Status": "Ready for onboarding",
      "ARR": 36000,
      "Segment": "Mid-Market",
      "Plan": "Growth",
      "Primary contact": "Lena Fischer",
      "Primary contact email": "lena.fischer@lumenfield.example.com",
      "Account Executive": [
        {
          "id": "6bdbce57-7cde-4667-b935-8b35b4986ea8",
          "name": "Tomás Berg",
          "email": "tomas.berg@example.com"
        }
      ],
      "Domain": "https://lumenfield.example.com",
      "Industry": "Manufacturing",
      "Employees": 310,
      "Country": "Germany",
      "Close date": "2026-03-26"
    }
  } },
];

/** The CRM a trigger type listens to (`trigger.salesforce` → salesforce), or null. */
export function crmOfTrigger(type: string | undefined): SampleDeal["crm"] | null {
  const crm = type?.startsWith("trigger.") ? type.slice(8) : null;
  return crm === "hubspot" || crm === "salesforce" || crm === "notion" ? crm : null;
}

/** Samples for this trigger first, then the others (any deal works with any workflow in a test). */
export function samplesFor(triggerType: string | undefined): SampleDeal[] {
  const crm = crmOfTrigger(triggerType);
  return [...SAMPLE_DEALS].sort((a, b) => Number(b.crm === crm) - Number(a.crm === crm));
}

/**
 * A raw webhook body per CRM, as the CRM sends it (shared/fixtures), naming the same records as the
 * sample deals: what "The JSON is: a raw CRM webhook event" starts from. Salesforce's Outbound
 * Message is XML on the wire; the test endpoint also takes it as the receiver records it.
 */
export const SAMPLE_EVENTS: Readonly<Record<SampleDeal["crm"], unknown>> = {
  hubspot: [
    { eventId: 3870215546, subscriptionId: 2214587, portalId: 48211937, appId: 3154820, occurredAt: 1774629730512, subscriptionType: "deal.propertyChange", attemptNumber: 0, objectId: 24587310912, propertyName: "dealstage", propertyValue: "closedwon", changeSource: "CRM_UI", sourceId: "userId:9876543" },
  ],
  salesforce: {
    source: "outbound_message",
    organizationId: "00D5g00000KxRtUEAV",
    objectType: "Opportunity",
    objectId: "0065g00000Bq7XkAAJ",
    stage: "Closed Won",
    sObject: { Id: "0065g00000Bq7XkAAJ", Name: "Cobalt Ridge Health - Enterprise - 3yr", StageName: "Closed Won", Amount: "126000.0", IsWon: "true" },
  },
  notion: {
    id: "11f7bd1e-af87-49df-8fce-446daf24081c",
    timestamp: "2026-03-27T09:58:12.905Z",
    workspace_id: "86a111e2-c404-4522-a8d2-70c1c7f75029",
    type: "page.created",
    entity: { id: "1f4e5c7a-2b3d-8011-b3f5-7a0c9e2d4b68", type: "page" },
    data: { parent: { id: "1e9a3b5c-7d2e-8041-a6f8-e3b2c1d09a7f", type: "database", data_source_id: "1e9a3b5c-7d2e-8182-b9c4-000b7e6f2a10" } },
  },
};
