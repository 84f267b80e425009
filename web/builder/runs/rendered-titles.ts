/**
 * A run's definition with its node titles as the run saw them: "Approve onboarding for
 * {{account.name}}" reads "Approve onboarding for Brightline Analytics" on the run's page. Rendered
 * with the engine's own template renderer, so the page shows what the run's tasks and e-mails said.
 */
import { render } from "../../../durable/lib/template";
import type { Definition } from "../../lib/api-types";

/** `text` rendered against `data` when every placeholder in it has a value there, else `text` as written. */
export function renderTitle(text: string, data: unknown): string {
  if (!text.includes("{{")) return text;
  const r = render(text, data);
  return r.errors.length || r.missing.length ? text : r.text;
}

/** `def` with each node's name and config title rendered against the run's data (a copy; ids, ports and edges untouched). */
export function withRenderedTitles(def: Definition, data: unknown): Definition {
  let changed = false;
  const nodes = def.nodes.map((n) => {
    const name = typeof n.name === "string" ? renderTitle(n.name, data) : n.name;
    const title = typeof n.config?.title === "string" ? renderTitle(n.config.title, data) : undefined;
    if (name === n.name && (title === undefined || title === n.config.title)) return n;
    changed = true;
    return { ...n, name, config: title === undefined ? n.config : { ...n.config, title } };
  });
  return changed ? { ...def, nodes } : def;
}
