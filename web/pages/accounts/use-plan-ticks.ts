/**
 * The account page's plan with tasks that can be ticked done: the box changes at once (optimistic)
 * and goes back, with an error toast, if the server refuses.
 */
import { useRef } from "preact/hooks";
import { ApiError, type ApiClient } from "../../lib/api";
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

/** A task whose tick is on its way to the server: the state last asked for and the last one stored. */
interface InFlight {
  want: boolean;
  stored: PlanTask;
}

/**
 * `toggle(milestone, task, done)` for the timeline's boxes. `plan` is the plan as shown; `update`
 * changes it where the page keeps it (the account's loaded data), so there is one copy; `reload`
 * fetches the account again (the plan was re-applied since the page loaded it).
 *
 * One request per task at a time, so the server applies a task's ticks in the order they were
 * made: ticks made while one is on its way only change what is wanted, and when it is answered one
 * more request sends the latest state if it differs.
 */
export function usePlanTicks(opts: {
  api: ApiClient;
  toasts: ToastStore;
  accountId: string;
  plan: PlanMilestone[];
  update: (fn: (plan: PlanMilestone[]) => PlanMilestone[]) => void;
  reload: () => void;
  me: SessionUser;
}) {
  const { api, toasts, accountId, plan, update, reload, me } = opts;
  const inFlight = useRef(new Map<string, InFlight>());

  return async function toggle(m: number, t: number, done: boolean) {
    const id = planTaskId(m, t);
    const before = plan[m]?.tasks[t];
    if (!before) return;
    update((p) => withTask(p, m, t, ticked(before, done, me)));
    const busy = inFlight.current.get(id);
    if (busy) {
      busy.want = done;
      return;
    }
    const f: InFlight = { want: done, stored: before };
    inFlight.current.set(id, f);
    try {
      for (let sent = done; ; sent = f.want) {
        f.stored = (await setPlanTaskDone(api, accountId, id, sent, before.title)).task;
        if (f.want === sent) break;
      }
      update((p) => withTask(p, m, t, f.stored));
    } catch (err) {
      update((p) => withTask(p, m, t, f.stored));
      if (err instanceof ApiError && err.code === "plan_changed") {
        toasts.info("The plan changed meanwhile", "It was applied again since this page loaded; here it is as it is now.");
        reload();
      } else {
        toasts.error(err, `“${before.title}” was not updated`);
        // Refused: the account may have gone to another CSM since the page loaded; look again.
        if (err instanceof ApiError && err.status === 403) reload();
      }
    } finally {
      inFlight.current.delete(id);
    }
  };
}
