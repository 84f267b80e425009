/**
 * The run-data paths a config can address (API.md "Run data"), offered by the path pickers and the
 * "insert a field" menus: the normalised `deal` every trigger produces, the account and CSM once a
 * step before the node being edited creates or assigns them, and those steps' outputs.
 */
import type { Definition, DefinitionNode } from "../lib/api-types";
import { crmOfTrigger } from "./sample-deals";

const DEAL_PATHS = [
  "deal.name",
  "deal.amount",
  "deal.arr",
  "deal.currency",
  "deal.stage",
  "deal.pipeline",
  "deal.closeDate",
  "deal.plan",
  "deal.segment",
  "deal.url",
  "deal.source",
  "deal.objectId",
  "deal.company.name",
  "deal.company.domain",
  "deal.company.industry",
  "deal.company.employees",
  "deal.company.country",
  "deal.company.region",
  "deal.primaryContact.name",
  "deal.primaryContact.email",
  "deal.owner.name",
  "deal.owner.email",
];

/** Raw CRM fields the fixtures' records carry, under `deal.properties`. */
const CRM_PROPERTIES: Record<string, string[]> = {
  hubspot: ["dealname", "dealstage", "amount", "hs_arr", "plan_tier", "contract_term_months", "dealtype", "hubspot_owner_id"],
  salesforce: ["StageName", "Amount", "ARR__c", "Plan_Tier__c", "Contract_Term_Months__c", "Account.Region__c", "Account.Industry"],
  notion: ["Status", "ARR", "Segment", "Plan", "Primary contact email"],
};

const ACCOUNT_PATHS = ["account.id", "account.name", "account.domain", "account.arr", "account.segment", "account.region"];
const CSM_PATHS = ["csm.id", "csm.name", "csm.email"];
/** The steps that give a run its `account` and its `csm`: only after one of them are those fields there. */
const GIVES_ACCOUNT = new Set(["action.create_account"]);
const GIVES_CSM = new Set(["action.assign_csm", "human.assign_csm"]);

/** What each node type leaves at `steps.<id>` (the useful parts). */
const STEP_OUTPUTS: Record<string, string[]> = {
  "logic.condition": ["result"],
  "logic.switch": ["matched", "label"],
  "human.approval": ["decision", "comment"],
  "human.review": ["comment"],
  "human.assign_csm": ["csmId"],
  "action.assign_csm": ["csmId", "csmName", "csmEmail"],
  "action.create_account": ["accountId"],
  "action.apply_template": ["templateId", "templateName"],
  "ai.classify": ["label", "confidence", "reason"],
  "ai.generate": ["text"],
};

const keysOf = (list: unknown, key: string) =>
  Array.isArray(list) ? list.map((x) => (x && typeof x === "object" ? (x as Record<string, unknown>)[key] : null)).filter((k): k is string => typeof k === "string" && k !== "") : [];

function stepPaths(node: DefinitionNode): string[] {
  const base = `steps.${node.id}`;
  const own = STEP_OUTPUTS[node.type] ?? [];
  const fields =
    node.type === "human.form" || node.type === "human.handoff"
      ? keysOf(node.config.fields, "key").map((k) => `data.${k}`)
      : node.type === "ai.transform"
        ? keysOf(node.config.fields, "key")
        : [];
  const saved = typeof node.config.saveAs === "string" && node.config.saveAs ? keysOf(node.config.fields, "key").map((k) => `${node.config.saveAs}.${k}`) : [];
  return [...[...own, ...fields].map((k) => `${base}.${k}`), ...saved];
}

/** The nodes from which `nodeId` can be reached: the steps that have run before it. */
function ancestors(def: Definition, nodeId: string): Set<string> {
  const seen = new Set<string>();
  const queue = [nodeId];
  while (queue.length) {
    const id = queue.shift() as string;
    for (const e of def.edges) {
      if (e.target === id && !seen.has(e.source)) {
        seen.add(e.source);
        queue.push(e.source);
      }
    }
  }
  return seen;
}

/** Paths available to `nodeId` (or to any node when null), most useful first. */
export function dataPaths(def: Definition, nodeId: string | null): string[] {
  const trigger = def.nodes.find((n) => n.type.startsWith("trigger."));
  const crm = crmOfTrigger(trigger?.type);
  const props = (crm ? CRM_PROPERTIES[crm] : Object.values(CRM_PROPERTIES).flat()).map((p) => `deal.properties.${p}`);
  const before = nodeId ? ancestors(def, nodeId) : new Set(def.nodes.map((n) => n.id));
  const earlier = def.nodes.filter((n) => before.has(n.id) && n.id !== nodeId);
  const steps = earlier.flatMap(stepPaths);
  const account = earlier.some((n) => GIVES_ACCOUNT.has(n.type)) ? ACCOUNT_PATHS : [];
  const csm = earlier.some((n) => GIVES_CSM.has(n.type)) ? CSM_PATHS : [];
  return [...new Set([...DEAL_PATHS, ...account, ...csm, ...steps, ...props])];
}
