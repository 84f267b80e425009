/**
 * Keeping a step's connections on its entries (switch cases, class labels) while the list of them is
 * edited in its settings. Plain data apart from `parked`, the state's edges kept aside for entries
 * that have no id for now, which this reads and updates.
 */
import type { DefinitionEdge, DefinitionNode } from "../lib/api-types";
import { entryPorts, type Catalog } from "./catalog";
import { edgePort } from "./graph-rules";

/**
 * How a config change moves the edges of a node with ports from a list (switch cases, class
 * labels). The list edited in place (same length): an entry whose id changed to a new one takes
 * its edge along; one whose id became unusable parks its edge until it has an id again. An id that
 * is still in the list keeps its edge wherever its entry moved, so reordering cases keeps each
 * case's next step. Returns null when the list grew or shrank (a removed entry's edge is dropped).
 */
export function followEntries(
  catalog: Catalog,
  node: DefinitionNode,
  config: Record<string, unknown>,
  nodeEdges: DefinitionEdge[],
  parked: Map<string, DefinitionEdge>,
  exists: (nodeId: string) => boolean,
): DefinitionEdge[] | null {
  const info = catalog.byType.get(node.type);
  const before = entryPorts(info, node.config);
  const after = entryPorts(info, config);
  if (!before || !after || before.length !== after.length) {
    for (const key of [...parked.keys()]) if (key.startsWith(`${node.id}#`)) parked.delete(key);
    return null;
  }
  const [had, has] = [new Set(before), new Set(after)];
  const portOf = (e: DefinitionEdge) => edgePort(e, node, catalog);
  let out = nodeEdges;
  before.forEach((b, i) => {
    const a = after[i];
    const key = `${node.id}#${i}`;
    if (a === b) return;
    if (b && !has.has(b)) {
      const edge = out.find((e) => portOf(e) === b);
      if (a && !had.has(a)) out = out.map((e) => (e === edge ? { ...e, sourcePort: a } : e));
      else if (edge) {
        // Blank, invalid or another entry's id for now: kept aside until this entry has its own.
        parked.set(key, edge);
        out = out.filter((e) => e !== edge);
      }
      return;
    }
    const edge = parked.get(key);
    if (!a || !edge) return;
    parked.delete(key);
    // A parked edge whose target step has since been deleted stays gone.
    if (exists(edge.target) && !out.some((e) => portOf(e) === a)) out = [...out, { ...edge, sourcePort: a }];
  });
  return out;
}
