/**
 * The run object's two entry points into node code, around the pure engine:
 * - `executeNode` runs one node's `execute` and always resolves to a NodeOutcome — a thrown NodeError
 *   becomes a `fail` with its `retryable`; any other exception a retryable `internal_error`.
 * - `completeTask` turns a person's submission for a waiting human node into the port and output to
 *   feed the engine as `task_completed` (or the 422 errors to show them).
 * Plus `stepInput`, what to journal as a step's input.
 */
import { isoTime } from "./lib/dates";
import type { FormError } from "./lib/form";
import { getPath } from "./lib/path";
import { configPaths } from "./lib/config-paths";
import { checkOutcome } from "./outcome";
import { triggerNode, type Definition } from "./graph";
import type { CompletionResult, TaskCompletion, TriggerRef } from "./nodes/define";
import { getNodeType, nodeTypes, type Registry } from "./registry";
import { NodeError, type NodeOutcome, type NodeServices, type RunData } from "./types";

/** A thrown value as a `fail` outcome (see module doc for the rule). */
export function failureFromError(error: unknown): NodeOutcome {
  const isNodeError =
    error instanceof NodeError ||
    (error instanceof Error && error.name === "NodeError" && typeof (error as NodeError).code === "string");
  if (isNodeError) {
    const e = error as NodeError;
    return {
      kind: "fail",
      error: { message: e.message, code: e.code },
      retryable: e.retryable !== false,
      ...(typeof e.retryAfterMs === "number" && e.retryAfterMs >= 0 ? { retryAfterMs: e.retryAfterMs } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "fail", error: { message: message || "Unexpected error", code: "internal_error" }, retryable: true };
}

function triggerRef(def: Definition, registry: Registry): TriggerRef | null {
  const node = triggerNode(def, registry);
  if (!node) return null;
  const connectorId = node.config.connectorId;
  return { nodeId: node.id, type: node.type, connectorId: typeof connectorId === "string" ? connectorId : null };
}

function configError(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.slice(0, 3).map((i) => `${i.path.map(String).join(".") || "config"}: ${i.message}`).join("; ");
}

/**
 * Execute node `nodeId` of `def` against `data`. Resolves to a checked NodeOutcome; never rejects.
 * The node sees a copy of `data`, so nothing it does can change the caller's state.
 */
export async function executeNode(
  def: Definition,
  nodeId: string,
  data: RunData,
  services: NodeServices,
  registry: Registry = nodeTypes,
): Promise<NodeOutcome> {
  try {
    const node = def.nodes.find((n) => n.id === nodeId);
    if (!node) return failureFromError(new NodeError(`Node ${nodeId} is not in this workflow`, "unknown_node", false));
    const type = getNodeType(node.type, registry);
    if (!type) return failureFromError(new NodeError(`Unknown node type "${node.type}"`, "unknown_node_type", false));
    const config = type.config.safeParse(node.config);
    if (!config.success) {
      return failureFromError(new NodeError(`Invalid configuration: ${configError(config.error.issues)}`, "invalid_config", false));
    }
    const outcome = await type.execute({
      nodeId,
      config: config.data,
      data: structuredClone(data),
      services,
      trigger: triggerRef(def, registry),
    });
    return checkOutcome(outcome);
  } catch (error) {
    return failureFromError(error);
  }
}

/**
 * Check a submission for the human node `nodeId` and say which port it takes. With
 * `input.timedOut` every human node takes `timeout`. Never throws.
 */
export function completeTask(
  def: Definition,
  nodeId: string,
  data: RunData,
  input: TaskCompletion,
  now: number,
  registry: Registry = nodeTypes,
): CompletionResult {
  const refuse = (message: string, path = ""): CompletionResult => ({ ok: false, errors: [{ path, message } satisfies FormError] });
  try {
    const node = def.nodes.find((n) => n.id === nodeId);
    const type = node && getNodeType(node.type, registry);
    if (!node || !type?.complete) return refuse("This step is not waiting for a person");
    if (input.timedOut) return { ok: true, port: "timeout", output: { timedOut: true, at: isoTime(now) } };
    const config = type.config.safeParse(node.config);
    if (!config.success) return refuse(`The step's configuration is invalid: ${configError(config.error.issues)}`);
    return type.complete({ nodeId, config: config.data, data, input, now });
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
}

function shorten(value: unknown): unknown {
  if (typeof value === "string" && value.length > 1000) return `${value.slice(0, 1000)}…`;
  return value === undefined ? null : value;
}

/**
 * What to journal as a step's `input`: its config, and the run-data values the config refers to
 * (template names, rule fields, mapped paths) as they were when the step ran.
 */
export function stepInput(def: Definition, nodeId: string, data: RunData): { config: Record<string, unknown>; values: Record<string, unknown> } {
  const node = def.nodes.find((n) => n.id === nodeId);
  if (!node) return { config: {}, values: {} };
  const paths = configPaths(node.config);
  const values: Record<string, unknown> = {};
  for (const p of paths.slice(0, 100)) Object.defineProperty(values, p, { value: shorten(getPath(data, p)), enumerable: true, writable: true, configurable: true });
  return { config: node.config, values };
}
