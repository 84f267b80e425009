import { formatDateTime } from "../../components/due-badge";
import type { Person, QueueItemDetail, SessionUser } from "../../lib/api-types";
import { nameOf } from "./queue-list";

/**
 * The "Why it's here" sentence. The run writes it when the task opens ("… is waiting at …"), so
 * once the item is finished it would be stale: then it says what happened, by whom and when.
 * Instructions the workflow gave stay as they are (they are not a state).
 */
export function whyItIsHere(item: QueueItemDetail, people: Map<string, Person>, me: SessionUser): string | null {
  const c = item.context ?? {};
  const given = c.why ?? null;
  if (item.status === "open" || item.status === "claimed") return given;
  if (given && given === c.instructions) return given;
  const workflow = c.workflowName ?? item.workflowName;
  const step = c.step ?? item.title;
  const on = item.completedAt ? ` on ${formatDateTime(item.completedAt)}` : "";
  const waited = `The workflow “${workflow}” waited at “${step}”`;
  if (item.status === "completed") {
    const by = item.completedBy ?? c.outcome?.by ?? null;
    const who = by ? nameOf(people, by, me) : null;
    return `${waited} until ${who ? `${who} completed it` : "it was completed"}${on}.`;
  }
  if (item.status === "expired") return `${waited} until the task expired${on}: nobody acted before the due time, so the run took its timeout path.`;
  return `${waited} until the task was cancelled${on}: the run was cancelled or moved on without it.`;
}
