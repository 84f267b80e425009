/**
 * Stage choices for the trigger pickers. HubSpot deal stages are ids (`closedwon`, or numeric in
 * custom pipelines), Salesforce stages are the picklist labels, Notion statuses are option names —
 * these are the defaults of each CRM (and of the demo fake CRMs). Anything else can be typed in.
 */
import { HUBSPOT_DEFAULT_STAGES } from "../../durable/lib/hubspot-stages";

export interface StageOption {
  value: string;
  label: string;
}

export const CRM_STAGES: Record<"hubspot" | "salesforce" | "notion", readonly StageOption[]> = {
  hubspot: [
    ...["appointmentscheduled", "contractsent", "closedwon", "closedlost"].map((value) => ({ value, label: HUBSPOT_DEFAULT_STAGES[value]! })),
    { value: "1102458836", label: "Signed (Enterprise pipeline)" },
  ],
  salesforce: [
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Id. Decision Makers",
    "Perception Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
  ].map((s) => ({ value: s, label: s })),
  notion: ["Qualifying", "Negotiating", "Contract sent", "Ready for onboarding", "Onboarded", "Lost"].map((s) => ({ value: s, label: s })),
};

/** Which config fields of which trigger hold stages, and of which CRM. */
export const STAGE_FIELDS: Record<string, keyof typeof CRM_STAGES> = {
  "trigger.hubspot.stageIds": "hubspot",
  "trigger.salesforce.stages": "salesforce",
  "trigger.notion.values": "notion",
};

/** A stage as people read it: its choice's label where the CRM's defaults name it, else as it is. */
export function stageLabel(crm: string | null | undefined, stage: string): string {
  const known = crm === "hubspot" || crm === "salesforce" || crm === "notion" ? CRM_STAGES[crm] : [];
  return known.find((s) => s.value === stage)?.label ?? stage;
}
