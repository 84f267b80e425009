/**
 * How a node type is declared: data (category, zod config schema, ports) plus one `execute`
 * function. A node never looks up edges or touches storage — it says which port to take, or that it
 * waits, or that it failed, and the engine owns the control flow (STYLE.md habit 1).
 */
import type { z } from "zod";
import type { FormError } from "../lib/form";
import type { NodeOutcome, NodeServices, RunData } from "../types";

/** Palette groups, as in SPEC.md section 4. */
export type NodeCategory = "trigger" | "logic" | "human" | "action" | "ai" | "end";

/** The workflow's trigger, as nodes that act on "the record behind the trigger" need it. */
export interface TriggerRef {
  nodeId: string;
  type: string;
  connectorId: string | null;
}

/** Everything `execute` may use. `data` is a snapshot: changes go back through the outcome. */
export interface NodeContext<C> {
  nodeId: string;
  config: C;
  data: Readonly<RunData>;
  services: NodeServices;
  /** The workflow's trigger node (executeNode fills it in); null or absent when unknown. */
  trigger?: TriggerRef | null;
}

/** What a person submitted for a human task (queue completion or the external form). */
export interface TaskCompletion {
  /** The due time passed with nobody acting: every human node then takes its `timeout` port. */
  timedOut?: boolean;
  decision?: "approve" | "reject";
  comment?: string;
  data?: unknown;
  /** Who completed it (a user, or the handoff recipient). */
  by?: { id?: string | null; name?: string | null; email?: string | null };
  /** human.assign_csm: the chosen CSM, looked up by the caller from `data.userId`. */
  csm?: { id: string; name: string; email: string };
}

/** The port to take and what to record, or why the submission is refused (→ HTTP 422). */
export type CompletionResult =
  | { ok: true; port: string; output: Record<string, unknown>; set?: Record<string, unknown> }
  | { ok: false; errors: FormError[] };

/** What `complete` may use: pure data, no services. */
export interface CompletionContext<C> {
  nodeId: string;
  config: C;
  data: Readonly<RunData>;
  input: TaskCompletion;
  now: number;
}

/** How the catalog describes ports that depend on the config. */
export interface DynamicPorts {
  dynamic: true;
  from: "cases" | "labels";
  /** Ports that always exist besides the configured ones. */
  fixed: string[];
  /** Ports that exist only when a config field is set, e.g. `{review: "minConfidence"}`. */
  when?: Record<string, string>;
}

/** A node type: data plus `execute` (and `complete` for human nodes). */
export interface NodeDefinition<S extends z.ZodType> {
  /** Type id as in SPEC.md section 4, e.g. `action.assign_csm`. */
  type: string;
  category: NodeCategory;
  label: string;
  description: string;
  config: S;
  /** Output ports; a function when they depend on the config (switch cases, class labels). */
  ports: readonly string[] | ((config: z.output<S>) => string[]);
  /** Catalog description of function ports (required when `ports` is a function). */
  dynamicPorts?: DynamicPorts;
  /** Default attempts for retryable failures; `config.maxAttempts` overrides it. */
  retry?: { maxAttempts: number };
  execute(ctx: NodeContext<z.output<S>>): Promise<NodeOutcome>;
  /** Human nodes: turn a submission into a port and output (pure; validated before the engine sees it). */
  complete?(ctx: CompletionContext<z.output<S>>): CompletionResult;
}

/** Any node definition, whatever its config type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<any>;

/**
 * Declare a node type. Checks the declaration once at module load so a mistake fails the build's
 * tests instead of a run.
 */
export function defineNode<S extends z.ZodType>(def: NodeDefinition<S>): NodeDefinition<S> {
  if (typeof def.ports === "function" && !def.dynamicPorts) {
    throw new Error(`${def.type}: config-dependent ports need a dynamicPorts description`);
  }
  if (def.category === "human" && !def.complete) throw new Error(`${def.type}: human nodes need complete()`);
  return Object.freeze(def);
}
