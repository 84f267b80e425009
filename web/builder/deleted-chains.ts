/**
 * Where deleting steps leaves a gap worth closing: each group of deleted steps that were joined to
 * each other and that formed one chain — a single path, with exactly one edge entering its first step
 * and one edge leaving its last — from the graph that remains. Plain data, no rules of the catalog:
 * the state decides whether the bridge may be drawn.
 */
import type { DefinitionEdge } from "../lib/api-types";

/** A deleted chain's one edge in (from a kept step) and one edge out (to a kept step). */
export interface DeletedChain {
  into: DefinitionEdge;
  out: DefinitionEdge;
}

/** The deleted steps joined to `start` by edges among deleted steps (either direction). */
function groupOf(start: string, gone: ReadonlySet<string>, edges: readonly DefinitionEdge[]): Set<string> {
  const group = new Set([start]);
  const todo = [start];
  while (todo.length) {
    const id = todo.pop()!;
    for (const e of edges) {
      const other = e.source === id ? e.target : e.target === id ? e.source : null;
      if (other !== null && gone.has(other) && !group.has(other)) {
        group.add(other);
        todo.push(other);
      }
    }
  }
  return group;
}

/** The group's chain ends, or null when it is not one path entered once at its head and left once at its tail. */
function chainOf(group: ReadonlySet<string>, edges: readonly DefinitionEdge[]): DeletedChain | null {
  const into = edges.filter((e) => group.has(e.target) && !group.has(e.source));
  const out = edges.filter((e) => group.has(e.source) && !group.has(e.target));
  if (into.length !== 1 || out.length !== 1) return null;
  const inner = edges.filter((e) => group.has(e.source) && group.has(e.target));
  if (inner.length !== group.size - 1) return null;
  // Walk from the step the chain is entered at; a path visits every step once and ends where it is left.
  let at = into[0].target;
  const seen = new Set([at]);
  for (;;) {
    const next = inner.filter((e) => e.source === at);
    if (next.length === 0) break;
    if (next.length > 1 || seen.has(next[0].target)) return null;
    at = next[0].target;
    seen.add(at);
  }
  return seen.size === group.size && at === out[0].source ? { into: into[0], out: out[0] } : null;
}

/** Every chain among the deleted steps `gone`, judged on the graph before the deletion. */
export function deletedChains(gone: ReadonlySet<string>, edges: readonly DefinitionEdge[]): DeletedChain[] {
  const done = new Set<string>();
  const chains: DeletedChain[] = [];
  for (const id of gone) {
    if (done.has(id)) continue;
    const group = groupOf(id, gone, edges);
    for (const g of group) done.add(g);
    const chain = chainOf(group, edges);
    if (chain) chains.push(chain);
  }
  return chains;
}
