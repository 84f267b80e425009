/**
 * The node catalog: every node type by id, its ports, its retry budget, and the JSON description the
 * builder loads from `GET /api/node-types`.
 */
import { z } from "zod";
import type { AnyNodeDefinition, DynamicPorts, NodeCategory } from "./nodes/define";
import { DEFAULT_MAX_ATTEMPTS } from "./nodes/schemas";
import actionApplyTemplate from "./nodes/action-apply-template";
import actionAssignCsm from "./nodes/action-assign-csm";
import actionCreateAccount from "./nodes/action-create-account";
import actionExtractDeal from "./nodes/action-extract-deal";
import actionSendEmail from "./nodes/action-send-email";
import actionSetData from "./nodes/action-set-data";
import actionUpdateCrm from "./nodes/action-update-crm";
import aiClassify from "./nodes/ai-classify";
import aiGenerate from "./nodes/ai-generate";
import aiTransform from "./nodes/ai-transform";
import end from "./nodes/end";
import humanApproval from "./nodes/human-approval";
import humanAssignCsm from "./nodes/human-assign-csm";
import humanForm from "./nodes/human-form";
import humanHandoff from "./nodes/human-handoff";
import humanReview from "./nodes/human-review";
import logicCondition from "./nodes/logic-condition";
import logicDelay from "./nodes/logic-delay";
import logicSwitch from "./nodes/logic-switch";
import triggerHubspot from "./nodes/trigger-hubspot";
import triggerNotion from "./nodes/trigger-notion";
import triggerSalesforce from "./nodes/trigger-salesforce";

/** Node types by id. A Map, so ids like `constructor` can never resolve to something inherited. */
export type Registry = ReadonlyMap<string, AnyNodeDefinition>;

/** In catalog (palette) order: triggers, logic, people, actions, AI, end. */
export const nodeTypes: Registry = new Map(
  [
    triggerHubspot, triggerSalesforce, triggerNotion,
    logicCondition, logicSwitch, logicDelay,
    humanApproval, humanReview, humanForm, humanHandoff, humanAssignCsm,
    actionExtractDeal, actionCreateAccount, actionAssignCsm, actionApplyTemplate, actionSendEmail, actionUpdateCrm, actionSetData,
    aiTransform, aiClassify, aiGenerate,
    end,
  ].map((def): [string, AnyNodeDefinition] => [def.type, def]),
);

/** The node type for an id, or undefined (also for non-strings). */
export function getNodeType(type: unknown, registry: Registry = nodeTypes): AnyNodeDefinition | undefined {
  return typeof type === "string" ? registry.get(type) : undefined;
}

/**
 * The output ports of a node with this config, or null when they cannot be known (ports that depend
 * on a config that does not parse).
 */
export function portsFor(def: AnyNodeDefinition, config: unknown): string[] | null {
  if (typeof def.ports !== "function") return [...def.ports];
  const parsed = def.config.safeParse(config);
  if (!parsed.success) return null;
  try {
    return def.ports(parsed.data);
  } catch {
    return null;
  }
}

/**
 * Attempts allowed for retryable failures: the config's `maxAttempts` (1–10) when set, else the
 * type's default — 5 for action and ai nodes (they call the outside world), 1 for the others.
 */
export function maxAttemptsFor(def: AnyNodeDefinition | undefined, config: unknown): number {
  const configured = (config as { maxAttempts?: unknown } | null)?.maxAttempts;
  if (typeof configured === "number" && Number.isInteger(configured) && configured >= 1 && configured <= 10) return configured;
  if (def?.retry) return def.retry.maxAttempts;
  return def?.category === "action" || def?.category === "ai" ? DEFAULT_MAX_ATTEMPTS : 1;
}

/** One entry of `GET /api/node-types`. */
export interface CatalogEntry {
  type: string;
  category: NodeCategory;
  label: string;
  description: string;
  /** JSON Schema (draft 2020-12) of the config, as accepted on input. */
  schema: Record<string, unknown>;
  ports: string[] | DynamicPorts;
}

let catalog: CatalogEntry[] | null = null;

/** The catalog as plain JSON; a fresh copy each call, computed once (JSON Schema is not free). */
export function nodeCatalog(): CatalogEntry[] {
  catalog ??= [...nodeTypes.values()].map((def) => ({
    type: def.type,
    category: def.category,
    label: def.label,
    description: def.description,
    schema: z.toJSONSchema(def.config, { io: "input", unrepresentable: "any" }) as Record<string, unknown>,
    ports: typeof def.ports === "function" ? (def.dynamicPorts as DynamicPorts) : [...def.ports],
  }));
  return structuredClone(catalog);
}
