/**
 * The stages of HubSpot's default "Sales Pipeline": ids every portal has, which people read by
 * their labels ("Closed Won", not "closedwon"). Custom pipelines' stages are numeric ids and stay so.
 * No imports: the SPA's stage pickers read the same list.
 */
export const HUBSPOT_DEFAULT_STAGES: Readonly<Record<string, string>> = {
  appointmentscheduled: "Appointment Scheduled",
  qualifiedtobuy: "Qualified To Buy",
  presentationscheduled: "Presentation Scheduled",
  decisionmakerboughtin: "Decision Maker Bought-In",
  contractsent: "Contract Sent",
  closedwon: "Closed Won",
  closedlost: "Closed Lost",
};

/** A stage id as people read it: the default pipeline's label, else the id itself. */
export const hubspotStageLabel = (id: unknown): string => (typeof id === "string" ? (HUBSPOT_DEFAULT_STAGES[id.trim().toLowerCase()] ?? id) : String(id));
