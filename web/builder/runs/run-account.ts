/** The account a run created, for links from the run's page to `/accounts/:id`. */
import type { RunDetail } from "../../lib/api-types";

export interface RunAccount {
  id: string;
  name: string | null;
}

const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const text = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v : null);

/**
 * The account from the run's "Create account" step (its output's `accountId`), else the `account`
 * the run's data holds (what that step sets); null when the run made none.
 */
export function runAccount(run: Pick<RunDetail, "steps" | "data">): RunAccount | null {
  const data = record(run.data?.account);
  for (let i = run.steps.length - 1; i >= 0; i--) {
    const s = run.steps[i];
    if (s.nodeType !== "action.create_account" || s.status !== "completed") continue;
    const out = record(s.output);
    const id = text(out?.accountId);
    if (id) return { id, name: text(out?.name) ?? (data && data.id === id ? text(data.name) : null) };
  }
  const id = text(data?.id);
  return id ? { id, name: text(data?.name) } : null;
}
