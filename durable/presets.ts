/**
 * The four ready-made workflows of SPEC.md section 3 ("Choose a template or start from scratch").
 * Ids of the workspace's records come in as `refs`; a ref left out becomes an empty string, which
 * the builder shows as a config error to fill in. With every ref given, each preset validates
 * (`notionDatabaseId` is optional: without it the Notion trigger listens to any shared database).
 * Layout: the flow runs top to bottom (the builder's canvas is tall and narrow between its side
 * panels); a node's depth is its row, and branches sit side by side in lanes, the first output's
 * branch on the left, as the ports are ordered along the node's bottom edge.
 */
import type { Definition, DefinitionEdge, DefinitionNode } from "./graph";

/** Ids of workspace records the presets point at; every one is optional. */
export interface PresetRefs {
  hubspotConnectorId?: string;
  salesforceConnectorId?: string;
  notionConnectorId?: string;
  /** The Notion database whose new pages start onboarding; optional (see module doc). */
  notionDatabaseId?: string;
  seniorPoolId?: string;
  generalPoolId?: string;
  enterpriseTemplateId?: string;
  standardTemplateId?: string;
  /** Who approves new Notion entries; without one the approval goes to the senior pool. */
  managerUserId?: string;
}

/** A ready-made workflow as served by `GET /api/workflow-presets`. */
export interface Preset {
  id: "hubspot-closed-won" | "salesforce-arr-routing" | "notion-approval" | "ae-handoff";
  name: string;
  description: string;
  definition: Definition;
}

/** Lane pitch: a 240 px node and a 40 px gutter. */
const LANE = 280;
/** Row pitch: a node (~75 px, ~105 with a row of ports) and room for the arrow between rows. */
const ROW = 140;

/** The leftmost lane any preset uses; positions start at 0 from there, as definitions expect. */
const FIRST_LANE = -1;

/** A node at `depth` steps from the trigger, in `lane` (0 is the trigger's; negative is left of it). */
function node(id: string, type: string, name: string, depth: number, lane: number, config: Record<string, unknown> = {}): DefinitionNode {
  return { id, type, name, position: { x: (lane - FIRST_LANE) * LANE, y: depth * ROW }, config };
}

/** Edges from a compact list: `[source, target]` or `[source, port, target]`. */
function edges(list: ([string, string] | [string, string, string])[]): DefinitionEdge[] {
  return list.map((e) => {
    const [source, port, target] = e.length === 3 ? e : [e[0], undefined, e[1]];
    return { id: `e-${source}-${port ?? "out"}-${target}`, source, ...(port ? { sourcePort: port } : {}), target };
  });
}

const ENTERPRISE_ARR = 100_000;

/** The welcome e-mail every onboarding path ends with. */
const welcomeEmail = () => ({
  to: "{{deal.primaryContact.email}}",
  subject: "Welcome to onboarding, {{account.name}}",
  body: [
    'Hi {{deal.primaryContact.name | default: "there"}},',
    "",
    "Thank you for choosing us! I'm {{csm.name}}, your customer success manager, and I'll guide {{account.name}} through onboarding.",
    "",
    "Over the next days you'll receive an invitation to our kickoff call. Reply to this e-mail any time with questions.",
    "",
    "Best regards,",
    "{{csm.name}}",
    "{{csm.email}}",
  ].join("\n"),
});

const templateByArr = (refs: PresetRefs) => ({
  rules: [{ combine: "all", rules: [{ field: "deal.arr", op: "gte", value: ENTERPRISE_ARR }], templateId: refs.enterpriseTemplateId ?? "" }],
  defaultTemplateId: refs.standardTemplateId ?? "",
});

function hubspotClosedWon(refs: PresetRefs): Preset {
  return {
    id: "hubspot-closed-won",
    name: "HubSpot Closed Won → onboarding",
    description: "When a HubSpot deal reaches Closed Won: create the account, queue it for CSM assignment, apply the matching template and send the welcome e-mail.",
    definition: {
      nodes: [
        node("trigger", "trigger.hubspot", "Deal reaches Closed Won", 0, 0, { connectorId: refs.hubspotConnectorId ?? "", stageIds: ["closedwon"] }),
        node("extract", "action.extract_deal", "Extract deal data", 1, 0),
        node("account", "action.create_account", "Create account", 2, 0),
        node("assign", "human.assign_csm", "Assign a CSM", 3, 0, {
          title: "Assign a CSM to {{account.name}}",
          assignee: { poolId: refs.generalPoolId ?? "" },
          poolId: refs.generalPoolId ?? "",
          dueInHours: 24,
          remindEveryHours: 8,
        }),
        node("template", "action.apply_template", "Apply onboarding template", 4, 0, templateByArr(refs)),
        node("welcome", "action.send_email", "Send welcome e-mail", 5, 0, welcomeEmail()),
        node("done", "end", "Onboarding started", 6, 0, { outcome: "completed" }),
        node("unassigned", "end", "No CSM assigned in time", 4, 1, { outcome: "failed", reason: "Nobody assigned a CSM before the due time" }),
      ],
      edges: edges([
        ["trigger", "extract"], ["extract", "account"], ["account", "assign"],
        ["assign", "done", "template"], ["assign", "timeout", "unassigned"],
        ["template", "welcome"], ["welcome", "done"],
      ]),
    },
  };
}

function salesforceArrRouting(refs: PresetRefs): Preset {
  const fallback = (id: string, name: string, poolId: string | undefined, col: number, row: number) =>
    node(id, "human.assign_csm", name, col, row, {
      title: "No CSM available automatically — assign one to {{account.name}}",
      assignee: refs.managerUserId ? { userId: refs.managerUserId } : { poolId: poolId ?? "" },
      poolId: poolId ?? "",
      dueInHours: 24,
    });
  return {
    id: "salesforce-arr-routing",
    name: "Salesforce ARR routing",
    description: `When an Opportunity closes in Salesforce: enterprise deals (ARR ≥ ${ENTERPRISE_ARR.toLocaleString("en-US")}) go to the senior CSMs with the enterprise template, the rest to the general pool with the standard template.`,
    definition: {
      nodes: [
        node("trigger", "trigger.salesforce", "Opportunity Closed Won", 0, 0, { connectorId: refs.salesforceConnectorId ?? "", stages: ["Closed Won"] }),
        node("extract", "action.extract_deal", "Extract deal data", 1, 0),
        node("account", "action.create_account", "Create account", 2, 0),
        node("is_enterprise", "logic.condition", `ARR ≥ ${ENTERPRISE_ARR.toLocaleString("en-US")}?`, 3, 0, {
          combine: "all",
          rules: [{ field: "deal.arr", op: "gte", value: ENTERPRISE_ARR }],
        }),
        node("assign_senior", "action.assign_csm", "Assign a senior CSM", 4, -1, { poolId: refs.seniorPoolId ?? "", strategy: "weighted", respectCapacity: true, skipOutOfOffice: true, stickyByDomain: true }),
        node("assign_general", "action.assign_csm", "Assign from the general pool", 4, 1, { poolId: refs.generalPoolId ?? "", strategy: "round_robin", respectCapacity: true, skipOutOfOffice: true, stickyByDomain: true }),
        fallback("pick_senior", "Pick a senior CSM by hand", refs.seniorPoolId, 5, -0.5),
        fallback("pick_general", "Pick a CSM by hand", refs.generalPoolId, 5, 1.5),
        node("template_enterprise", "action.apply_template", "Apply enterprise template", 6, -1, { templateId: refs.enterpriseTemplateId ?? "" }),
        node("template_standard", "action.apply_template", "Apply standard template", 6, 1, { templateId: refs.standardTemplateId ?? "" }),
        node("welcome", "action.send_email", "Send welcome e-mail", 7, 0, welcomeEmail()),
        node("done", "end", "Onboarding started", 8, 0, { outcome: "completed" }),
        node("unassigned", "end", "No CSM assigned", 6, 0, { outcome: "failed", reason: "No CSM could be assigned" }),
      ],
      edges: edges([
        ["trigger", "extract"], ["extract", "account"], ["account", "is_enterprise"],
        ["is_enterprise", "true", "assign_senior"], ["is_enterprise", "false", "assign_general"],
        ["assign_senior", "out", "template_enterprise"], ["assign_senior", "none", "pick_senior"],
        ["assign_general", "out", "template_standard"], ["assign_general", "none", "pick_general"],
        ["pick_senior", "done", "template_enterprise"], ["pick_senior", "timeout", "unassigned"],
        ["pick_general", "done", "template_standard"], ["pick_general", "timeout", "unassigned"],
        ["template_enterprise", "welcome"], ["template_standard", "welcome"], ["welcome", "done"],
      ]),
    },
  };
}

function notionApproval(refs: PresetRefs): Preset {
  return {
    id: "notion-approval",
    name: "Notion entry with manager approval",
    description: "When a page is created in the Notion deals database: create the account and ask a manager to approve. Approved: assign a CSM and begin onboarding. Rejected: notify the account executive and end.",
    definition: {
      nodes: [
        node("trigger", "trigger.notion", "Page created in Notion", 0, 0, {
          connectorId: refs.notionConnectorId ?? "",
          ...(refs.notionDatabaseId ? { databaseId: refs.notionDatabaseId } : {}),
          event: "page.created",
        }),
        node("extract", "action.extract_deal", "Extract deal data", 1, 0),
        node("account", "action.create_account", "Create account", 2, 0),
        node("approval", "human.approval", "Manager approval", 3, 0, {
          title: "Approve onboarding for {{account.name}}",
          instructions: '{{deal.name}} — ARR {{deal.arr | currency: deal.currency}}, segment {{deal.segment | default: "not set"}}. Approve to assign a CSM and start onboarding.',
          assignee: refs.managerUserId ? { userId: refs.managerUserId } : { poolId: refs.seniorPoolId ?? "" },
          dueInHours: 48,
          remindEveryHours: 24,
        }),
        node("assign", "action.assign_csm", "Assign CSM", 4, -1, { poolId: refs.generalPoolId ?? "", strategy: "least_loaded", respectCapacity: true, skipOutOfOffice: true, stickyByDomain: true }),
        node("pick", "human.assign_csm", "Pick a CSM by hand", 5, -0.5, {
          title: "No CSM available automatically — assign one to {{account.name}}",
          assignee: { poolId: refs.generalPoolId ?? "" },
          poolId: refs.generalPoolId ?? "",
          dueInHours: 24,
        }),
        node("template", "action.apply_template", "Apply onboarding template", 6, -1, templateByArr(refs)),
        node("welcome", "action.send_email", "Send welcome e-mail", 7, -1, welcomeEmail()),
        node("done", "end", "Onboarding started", 8, -1, { outcome: "completed" }),
        node("notify_ae", "action.send_email", "Tell the AE it was rejected", 4, 0.5, {
          to: "{{deal.owner.email}}",
          subject: "Onboarding for {{account.name}} was not approved",
          body: "Hi {{deal.owner.name}},\n\nOnboarding for **{{account.name}}** was not approved.\n\nComment from the approver: {{steps.approval.comment}}",
        }),
        node("rejected", "end", "Rejected", 5, 0.5, { outcome: "completed", reason: "Onboarding was not approved" }),
        node("expired", "end", "Approval timed out", 4, 1.5, { outcome: "failed", reason: "Nobody approved or rejected in time" }),
        node("unassigned", "end", "No CSM assigned", 6, 0, { outcome: "failed", reason: "No CSM could be assigned" }),
      ],
      edges: edges([
        ["trigger", "extract"], ["extract", "account"], ["account", "approval"],
        ["approval", "approved", "assign"], ["approval", "rejected", "notify_ae"], ["approval", "timeout", "expired"],
        ["assign", "out", "template"], ["assign", "none", "pick"],
        ["pick", "done", "template"], ["pick", "timeout", "unassigned"],
        ["template", "welcome"], ["welcome", "done"], ["notify_ae", "rejected"],
      ]),
    },
  };
}

function aeHandoff(refs: PresetRefs): Preset {
  const needsEnterprise = {
    combine: "any",
    rules: [
      { field: "steps.handoff.data.needs_sso", op: "eq", value: true },
      { field: "deal.arr", op: "gte", value: ENTERPRISE_ARR },
    ],
  };
  return {
    id: "ae-handoff",
    name: "AE handoff form",
    description: "When a deal closes: create the account and send the account executive a handoff form; once it is filled in, route by the answers (SSO or large deals to senior CSMs and the enterprise template).",
    definition: {
      nodes: [
        node("trigger", "trigger.hubspot", "Deal reaches Closed Won", 0, 0, { connectorId: refs.hubspotConnectorId ?? "", stageIds: ["closedwon"] }),
        node("extract", "action.extract_deal", "Extract deal data", 1, 0),
        node("account", "action.create_account", "Create account", 2, 0),
        node("handoff", "human.handoff", "Handoff form to the AE", 3, 0, {
          title: "Handoff for {{account.name}}",
          recipient: "{{deal.owner.email}}",
          instructions: "You closed {{deal.name}} — thank you! Tell the onboarding team what they need to know.",
          expiresInHours: 72,
          fields: [
            { key: "kickoff_date", label: "Preferred kickoff date", type: "date", required: true },
            { key: "primary_goal", label: "Customer's primary goal", type: "select", required: true, options: ["Faster onboarding", "Replace legacy tool", "Expand to new teams", "Reporting and insights"] },
            { key: "technical_contact", label: "Technical contact e-mail", type: "email" },
            { key: "needs_sso", label: "Needs SSO", type: "checkbox" },
            { key: "notes", label: "Anything else", type: "textarea" },
          ],
        }),
        node("route", "logic.switch", "Route by answers", 4, 0, { cases: [{ id: "enterprise", label: "SSO or enterprise ARR", ...needsEnterprise }] }),
        node("assign_senior", "action.assign_csm", "Assign a senior CSM", 5, -0.5, { poolId: refs.seniorPoolId ?? "", strategy: "weighted", respectCapacity: true, skipOutOfOffice: true, stickyByDomain: true }),
        node("assign_general", "action.assign_csm", "Assign from the general pool", 5, 0.5, { poolId: refs.generalPoolId ?? "", strategy: "round_robin", respectCapacity: true, skipOutOfOffice: true, stickyByDomain: true }),
        node("pick", "human.assign_csm", "Pick a CSM by hand", 6, 1, {
          title: "No CSM available automatically — assign one to {{account.name}}",
          assignee: refs.managerUserId ? { userId: refs.managerUserId } : { poolId: refs.generalPoolId ?? "" },
          dueInHours: 24,
        }),
        node("template", "action.apply_template", "Apply onboarding template", 7, 0, {
          rules: [{ ...needsEnterprise, templateId: refs.enterpriseTemplateId ?? "" }],
          defaultTemplateId: refs.standardTemplateId ?? "",
        }),
        node("welcome", "action.send_email", "Send welcome e-mail", 8, 0, {
          ...welcomeEmail(),
          cc: "{{deal.owner.email}}",
          body: welcomeEmail().body.replace("Over the next days", "We'd like to kick off on {{steps.handoff.data.kickoff_date | date}}. Over the next days"),
        }),
        node("done", "end", "Onboarding started", 9, 0, { outcome: "completed" }),
        node("no_handoff", "end", "Handoff form expired", 4, 1, { outcome: "failed", reason: "The AE did not fill in the handoff form in time" }),
        node("unassigned", "end", "No CSM assigned", 7, 1, { outcome: "failed", reason: "No CSM could be assigned" }),
      ],
      edges: edges([
        ["trigger", "extract"], ["extract", "account"], ["account", "handoff"],
        ["handoff", "done", "route"], ["handoff", "timeout", "no_handoff"],
        ["route", "enterprise", "assign_senior"], ["route", "default", "assign_general"],
        ["assign_senior", "out", "template"], ["assign_senior", "none", "pick"],
        ["assign_general", "out", "template"], ["assign_general", "none", "pick"],
        ["pick", "done", "template"], ["pick", "timeout", "unassigned"],
        ["template", "welcome"], ["welcome", "done"],
      ]),
    },
  };
}

/** The four presets, in the order the "start from a template" dialog lists them. */
export function buildPresets(refs: PresetRefs = {}): Preset[] {
  return [hubspotClosedWon(refs), salesforceArrRouting(refs), notionApproval(refs), aeHandoff(refs)];
}
