/**
 * The account page's plan with tasks that can be ticked done: the box changes at once (optimistic)
 * and goes back, with an error toast, if the server refuses. Each task keeps a counter of its
 * requests so that a slow answer to an earlier tick cannot overwrite a later one.
 */
import { useRef } from "preact/hooks";
import type { ApiClient } from "../../lib/api";
import type { PlanMilestone, PlanTask, SessionUser } from "../../lib/api-types";
import { planTaskId, setPlanTaskDone } from "../../lib/endpoints/accounts";
import type { ToastStore } from "../../state/toasts";

/** `plan` with task `t` of milestone `m` replaced by `task`. */
export function withTask(plan: readonly PlanMilestone[], m: number, t: number, task: PlanTask): PlanMilestone[] {
  return plan.map((ms, i) => (i === m ? { ...ms, tasks: ms.tasks.map((x, j) => (j === t ? task : x)) } : ms));
}

/** What the box shows before the server answers: who ticked it is the person looking. */
export function ticked(task: PlanTask, done: boolean, me: Pick<SessionUser, "id" | "name">, now = new Date()): PlanTask {
  const { doneAt: _at, doneBy: _by, ...rest } = task;
  return done ? { ...rest, done, doneAt: now.toISOString(), doneBy: { id: me.id, name: me.name } } : { ...rest, done };
}

/**
 * `toggle(milestone, task, done)` for the timeline's boxes. `plan` is the plan as shown; `update`
 * changes it where the page keeps it (the account's loaded data), so there is one copy.
 */
export function usePlanTicks(opts: {
  api: ApiClient;
  toasts: ToastStore;
  accountId: string;
  plan: PlanMilestone[];
  update: (fn: (plan: PlanMilestone[]) => PlanMilestone[]) => void;
  me: SessionUser;
}) {
  const { api, toasts, accountId, plan, update, me } = opts;
  const seq = useRef(new Map<string, number>());

  return async function toggle(m: number, t: number, done: boolean) {
    const id = planTaskId(m, t);
    const n = (seq.current.get(id) ?? 0) + 1;
    seq.current.set(id, n);
    const before = plan[m]?.tasks[t];
    if (!before) return;
    update((p) => withTask(p, m, t, ticked(before, done, me)));
    try {
      const res = await setPlanTaskDone(api, accountId, id, done);
      if (seq.current.get(id) === n) update((p) => withTask(p, m, t, res.task));
    } catch (err) {
      if (seq.current.get(id) !== n) return; // a later tick owns the box now
      update((p) => withTask(p, m, t, before));
      toasts.error(err, `“${before.title}” was not updated`);
    }
  };
}
