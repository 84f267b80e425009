/**
 * Stage choices for the trigger pickers. HubSpot deal stages are ids (`closedwon`, or numeric in
 * custom pipelines), Salesforce stages are the picklist labels, Notion statuses are option names —
 * these are the defaults of each CRM (and of the demo fake CRMs). Anything else can be typed in.
 */
export interface StageOption {
  value: string;
  label: string;
}

export const CRM_STAGES: Record<"hubspot" | "salesforce" | "notion", readonly StageOption[]> = {
  hubspot: [
    { value: "appointmentscheduled", label: "Appointment Scheduled" },
    { value: "contractsent", label: "Contract Sent" },
    { value: "closedwon", label: "Closed Won" },
    { value: "closedlost", label: "Closed Lost" },
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
