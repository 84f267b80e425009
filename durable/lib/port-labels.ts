/**
 * What people call a node's fixed output ports ("Yes", not "true"): the canvas writes them beside
 * the handles and validation messages use them. No imports: the SPA's catalog reads the same list.
 */
export const PORT_LABELS: Readonly<Record<string, string>> = {
  out: "Next",
  true: "Yes",
  false: "No",
  approved: "Approved",
  rejected: "Rejected",
  timeout: "Timed out",
  done: "Done",
  none: "No CSM available",
  default: "Otherwise",
  review: "Needs review",
};

/** A port's label: a switch case's own label from the node's config, else the fixed name, else the id. */
export function portLabel(id: string, config?: unknown): string {
  const cases = (config as { cases?: unknown } | null | undefined)?.cases;
  if (Array.isArray(cases)) {
    const c = cases.find((x) => x && typeof x === "object" && (x as { id?: unknown }).id === id) as { label?: unknown } | undefined;
    if (typeof c?.label === "string" && c.label.trim()) return c.label;
  }
  return PORT_LABELS[id] ?? id;
}
