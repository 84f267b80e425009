import type { Tone } from "../../components/badge";
import type { QueueKind } from "../../lib/api-types";

/** How each kind of task is named, singular and plural, with its badge colour. */
export const KIND_INFO: Record<QueueKind, { label: string; plural: string; tone: Tone }> = {
  approval: { label: "Approval", plural: "Approvals", tone: "brand" },
  review: { label: "Review", plural: "Reviews", tone: "info" },
  form: { label: "Form", plural: "Forms", tone: "neutral" },
  handoff: { label: "Handoff", plural: "Handoffs", tone: "neutral" },
  assignment: { label: "CSM assignment", plural: "CSM assignments", tone: "success" },
};

/** The verb on the button that completes a task of this kind. */
export const COMPLETE_LABEL: Record<Exclude<QueueKind, "approval" | "handoff">, string> = {
  review: "Complete review",
  form: "Submit form",
  assignment: "Assign CSM",
};

const ACRONYMS: Record<string, string> = { arr: "ARR", mrr: "MRR", csm: "CSM", id: "ID", url: "URL", crm: "CRM", sso: "SSO" };

function words(segment: string): string[] {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
}

/**
 * A readable label for a run-data path a review lets someone correct: `deal.arr` → "ARR",
 * `deal.company.name` → "Company name", `steps.form_1.data.goal` → "Goal".
 */
export function pathLabel(path: string): string {
  const parts = path.split(".").filter(Boolean);
  const last = parts[parts.length - 1] ?? path;
  const parent = parts.length > 2 && !["data", "steps", "deal"].includes(parts[parts.length - 2]) ? parts[parts.length - 2] : null;
  const w = [...(parent ? words(parent) : []), ...words(last)];
  if (!w.length) return path;
  const text = w.join(" ");
  return /^[A-Z]{2,}/.test(text) ? text : text[0].toUpperCase() + text.slice(1);
}
