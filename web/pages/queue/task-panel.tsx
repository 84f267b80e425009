import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { FormError, Textarea, focusFirstInvalid } from "../../components/field";
import { formatAgo, formatDateTime } from "../../components/due-badge";
import { FormFields, initialValues, toData, validateValues, type FieldValue, type FormErrors, type FormValues } from "../../components/task-form";
import { ApiError, errorMessage, fieldErrors } from "../../lib/api";
import type { Person, QueueItem, QueueItemDetail, SessionUser } from "../../lib/api-types";
import { Decided } from "../../components/decided";
import { claimQueueItem, completeQueueItem, releaseQueueItem } from "../../lib/endpoints/queue";
import { useAppState } from "../../state/context";
import { COMPLETE_LABEL, KIND_INFO, pathLabel } from "./labels";
import { nameOf } from "./queue-list";
import { forgetDrafts, useDraftState } from "./drafts";
import { ReassignDialog } from "./reassign-dialog";
import { usePeople } from "./use-people";

/** What the signed-in person may do with an item right now (mirrors the server's rules). */
export function permissions(item: QueueItem, me: SessionUser) {
  const active = item.status === "open" || item.status === "claimed";
  const admin = me.role === "admin";
  const mine = item.status === "claimed" && item.claimedBy === me.id;
  return {
    active,
    claimedByMe: mine,
    claimedByOther: item.status === "claimed" && item.claimedBy !== me.id,
    canClaim: item.status === "open" && item.kind !== "handoff",
    canRelease: item.status === "claimed" && (mine || admin),
    canReassign: admin && active && item.kind !== "handoff",
    /** Approvals: the assignee or an admin decides, claimed or not (unless someone else holds it). */
    canDecide: item.kind === "approval" && active && (admin || item.assigneeId === me.id) && (item.status === "open" || mine),
    /** Other kinds: whoever claimed it. */
    canComplete: item.kind !== "approval" && item.kind !== "handoff" && mine,
  };
}

export interface TaskPanelProps {
  item: QueueItemDetail;
  me: SessionUser;
  people: Map<string, Person>;
  /** A change the server confirmed (claim, release, reassign, completion). */
  onChanged: (item: QueueItem, what: "claimed" | "released" | "assigned" | "completed") => void;
  /** The item changed under us (409): load it again. */
  onStale: () => void;
  /** Shown with the outcome: the run's next step, once there is one. */
  next?: ComponentChildren;
}

/**
 * Who may act on an open item. One with neither a person nor a pool (its assignee was deactivated,
 * or its step named nobody) waits for an admin; saying "anyone in the pool" there sent people
 * looking for a pool that does not exist.
 */
export function openHolderLine(item: Pick<QueueItem, "kind" | "assigneeId" | "assigneeEmail" | "poolId">, me: SessionUser, people: Map<string, Person>): string {
  if (item.kind === "handoff") return `Waiting for ${item.assigneeEmail ?? "the recipient"} to send the form.`;
  if (item.assigneeId) return `${item.assigneeId === me.id ? "Assigned to you." : `Assigned to ${nameOf(people, item.assigneeId)}.`} Not claimed yet.`;
  if (item.poolId) return "Open — anyone in the pool may claim it.";
  if (item.assigneeEmail) return `Open — meant for ${item.assigneeEmail}, who has no account here; an admin can act on it.`;
  return "Open — nobody is assigned yet; an admin can assign it.";
}

/** Where the item stands: who holds it and since when. */
function Holder({ item, me, people }: { item: QueueItem & Partial<Pick<QueueItemDetail, "context">>; me: SessionUser; people: Map<string, Person> }) {
  if (item.status === "claimed") {
    const who = nameOf(people, item.claimedBy, me);
    return <p class="q-holder">{who === "you" ? "You claimed this" : `${who} claimed this`} {item.claimedAt ? formatAgo(item.claimedAt) : ""}.</p>;
  }
  if (item.status === "open") return <p class="q-holder">{openHolderLine(item, me, people)}</p>;
  const when = item.completedAt ? ` ${formatDateTime(item.completedAt)}` : "";
  if (item.status === "completed") {
    return (
      <>
        <p class="q-holder" tabIndex={-1}>Completed by {nameOf(people, item.completedBy, me)}{when ? ` on${when}` : ""}.</p>
        {item.context?.outcome ? <Decided outcome={item.context.outcome} /> : null}
      </>
    );
  }
  if (item.status === "expired") return <p class="q-holder">Expired{when ? ` on${when}` : ""}: nobody acted before the due time, so the run took its timeout path.</p>;
  return <p class="q-holder">Cancelled{when ? ` on${when}` : ""}: the run was cancelled or moved on without it.</p>;
}

/** The action part of an item: claim/release/reassign, and the decision or the form. */
export function TaskPanel({ item, me, people, onChanged, onStale, next }: TaskPanelProps) {
  const { api, toasts } = useAppState();
  const can = permissions(item, me);
  const [busy, setBusy] = useState<"claim" | "release" | null>(null);
  const [reassigning, setReassigning] = useState(false);

  async function act(kind: "claim" | "release") {
    setBusy(kind);
    try {
      const updated = await (kind === "claim" ? claimQueueItem(api, item.id) : releaseQueueItem(api, item.id));
      onChanged(updated, kind === "claim" ? "claimed" : "released");
      // The pressed button is gone from the new panel: put focus on what comes next rather than
      // let it drop to the page (QA, keyboard only) — the form's first field after a claim, Claim after a release.
      requestAnimationFrame(() => nextFocus(kind)?.focus());
      toasts.success(kind === "claim" ? "Claimed — it's yours" : "Released", kind === "claim" ? "Nobody else can take it until you release or complete it." : "It's back in the queue for others.");
    } catch (e) {
      toasts.error(e, kind === "claim" ? "Couldn't claim it" : "Couldn't release it");
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) onStale();
    } finally {
      setBusy(null);
    }
  }

  // The form and its button are gone once the item is done: put focus on the outcome that replaced
  // them (what a screen reader then reads), instead of letting it drop to the page.
  const completed = (u: QueueItem) => {
    onChanged(u, "completed");
    requestAnimationFrame(() => document.querySelector<HTMLElement>(".q-action .q-holder")?.focus());
  };

  const actions = (
    <>
      {can.canReassign ? (
        <Button size="sm" icon="userPlus" onClick={() => setReassigning(true)}>
          Reassign
        </Button>
      ) : null}
      {can.canRelease ? (
        <Button size="sm" icon="userMinus" loading={busy === "release"} onClick={() => act("release")}>
          {can.claimedByMe ? "Release" : "Release claim"}
        </Button>
      ) : null}
      {can.canClaim ? (
        <Button size="sm" variant={item.kind === "approval" ? "secondary" : "primary"} icon="check" loading={busy === "claim"} onClick={() => act("claim")}>
          Claim
        </Button>
      ) : null}
    </>
  );

  return (
    <Card title={can.active ? "Your action" : "Outcome"} actions={can.active ? actions : undefined} class="q-action">
      <Holder item={item} me={me} people={people} />
      {!can.active ? next ?? null : item.kind === "approval" ? (
        can.canDecide ? (
          <DecisionForm key={item.id} item={item} onDone={completed} onStale={onStale} />
        ) : (
          <p class="q-note">
            {can.claimedByOther
              ? "Someone else is deciding this approval."
              : item.assigneeId
                ? `Only ${nameOf(people, item.assigneeId)} or an admin can decide this approval.`
                : "Only an admin can decide an approval that is not assigned to a person."}
          </p>
        )
      ) : item.kind === "handoff" ? (
        <HandoffNote item={item} />
      ) : (
        <CompleteForm key={item.id} item={item} enabled={can.canComplete} claimedByOther={can.claimedByOther} onDone={completed} onStale={onStale} />
      )}
      <ReassignDialog open={reassigning} item={item} onClose={() => setReassigning(false)} onAssigned={(u) => onChanged(u, "assigned")} />
    </Card>
  );
}

/** After a claim, the first field that can be filled in (else the first enabled button); after a release, Claim. */
function nextFocus(after: "claim" | "release"): HTMLElement | null {
  const panel = document.querySelector<HTMLElement>(".q-action");
  if (!panel) return null;
  const buttons = [...panel.querySelectorAll<HTMLButtonElement>("button:not([disabled])")];
  if (after === "release") return buttons.find((b) => b.textContent?.trim() === "Claim") ?? buttons[0] ?? null;
  return panel.querySelector<HTMLElement>(".card__body input:not([disabled]), .card__body select:not([disabled]), .card__body textarea:not([disabled])") ?? buttons[0] ?? null;
}

/** Approve or reject, with an optional comment. */
function DecisionForm({ item, onDone, onStale }: { item: QueueItem; onDone: (item: QueueItem) => void; onStale: () => void }) {
  const { api, toasts } = useAppState();
  const draft = `${useAppState().user.value?.id ?? ""}:${item.id}:`;
  const [comment, setComment] = useDraftState(`${draft}comment`, () => "");
  const [busy, setBusy] = useState<"approve" | "reject" | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function decide(decision: "approve" | "reject") {
    setBusy(decision);
    setError(null);
    try {
      const updated = await completeQueueItem(api, item.id, { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      forgetDrafts(draft);
      toasts.success(decision === "approve" ? "Approved" : "Rejected", "The run continues.");
      onDone(updated);
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) onStale();
    } finally {
      setBusy(null);
    }
  }

  return (
    <form
      class="stack q-form"
      aria-label="Decision"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void decide("approve");
      }}
    >
      <FormError>{error}</FormError>
      <Textarea label="Comment (optional)" name="comment" rows={3} value={comment} hint="Shown in the run's history with your decision." onInput={(e) => setComment(e.currentTarget.value)} disabled={busy !== null} />
      <div class="q-form__buttons">
        <Button variant="danger" icon="close" loading={busy === "reject"} disabled={busy === "approve"} onClick={() => decide("reject")}>
          Reject
        </Button>
        <Button type="submit" variant="primary" icon="check" loading={busy === "approve"} disabled={busy === "reject"}>
          Approve
        </Button>
      </div>
    </form>
  );
}

/** The external form's questions, for the people watching a handoff. */
function HandoffNote({ item }: { item: QueueItemDetail }) {
  return (
    <div class="stack">
      <p class="q-note">
        A single-use link was e-mailed to <strong>{item.assigneeEmail ?? "the recipient"}</strong>. The run continues when they submit the form; it
        cannot be completed from the queue.
      </p>
      {item.form.length ? (
        <div>
          <p class="q-subhead">They are asked</p>
          <ul class="q-asked">
            {item.form.map((f) => (
              <li key={f.key}>
                {f.label}
                {f.required ? "" : " (optional)"}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** Fields of review, form and assignment tasks; enabled once the person has claimed the item. */
function CompleteForm({ item, enabled, claimedByOther, onDone, onStale }: { item: QueueItemDetail; enabled: boolean; claimedByOther: boolean; onDone: (item: QueueItem) => void; onStale: () => void }) {
  const { api, toasts } = useAppState();
  // A review's fields are run-data paths: label them in words and keep the path as the hint.
  const fields = item.kind === "review" ? item.form.map((f) => ({ ...f, label: f.label === f.key ? pathLabel(f.key) : f.label, help: f.help ?? `Run data: ${f.key}` })) : item.form;
  const draft = `${useAppState().user.value?.id ?? ""}:${item.id}:`;
  const [values, setValues] = useDraftState<FormValues>(`${draft}values`, () => initialValues(item.form));
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [comment, setComment] = useDraftState(`${draft}comment`, () => "");
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const userField = item.form.find((f) => f.type === "user");
  const poolPeople = usePeople(api, userField?.poolId);
  const kind = item.kind as keyof typeof COMPLETE_LABEL;
  // An assignment picks a CSM: offer CSMs (a pool's members are offered whatever their role).
  const pickable = poolPeople && item.kind === "assignment" && !userField?.poolId ? poolPeople.filter((p) => p.role === "csm") : poolPeople;
  const people = Object.fromEntries(item.form.filter((f) => f.type === "user").map((f) => [f.key, pickable]));

  // "Claim this item before completing it" (or "someone else has it") is answered by claiming it:
  // once the item is theirs again, the old refusal would only contradict the "You claimed this" above.
  useEffect(() => {
    if (enabled) setFormError(null);
  }, [enabled]);

  const set = (key: string, v: FieldValue) => {
    setValues((cur) => ({ ...cur, [key]: v }));
    if (errors[key]) setErrors((cur) => ({ ...cur, [key]: "" }));
  };

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (!enabled) return;
    const found = validateValues(fields, values);
    setErrors(found);
    setFormError(null);
    if (Object.values(found).some(Boolean)) {
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    setBusy(true);
    try {
      const data = toData(item.form, values, { onlyChanged: item.kind === "review" });
      const updated = await completeQueueItem(api, item.id, { data, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      forgetDrafts(draft);
      toasts.success(item.kind === "assignment" ? "CSM assigned" : "Done", "The run continues.");
      onDone(updated);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const byPath = fieldErrors(err.details);
        const keys = new Set(item.form.map((f) => f.key));
        const mine = Object.fromEntries(Object.entries(byPath).filter(([k]) => keys.has(k)));
        setErrors(mine);
        const rest = Object.entries(byPath).filter(([k]) => !keys.has(k)).map(([, m]) => m);
        setFormError(Object.keys(mine).length && !rest.length ? null : [err.message, ...rest].join(" "));
        queueMicrotask(() => focusFirstInvalid(form.current));
      } else {
        setFormError(errorMessage(err));
        if (err instanceof ApiError && (err.status === 409 || err.status === 404)) onStale();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={form} class="stack q-form" aria-label={KIND_INFO[item.kind].label} noValidate onSubmit={onSubmit}>
      {!enabled ? (
        <p class="q-note">{claimedByOther ? "Someone else is working on this item." : "Claim this item to fill it in; nobody else can change it while you hold it."}</p>
      ) : null}
      {item.kind === "review" && item.form.length ? <p class="q-note">Correct any value that is wrong; unchanged fields are left as they are.</p> : null}
      <FormError>{formError}</FormError>
      <FormFields fields={fields} values={values} errors={errors} onChange={set} people={people} disabled={!enabled || busy} markOptional={item.kind !== "review"} />
      <Textarea label="Comment (optional)" name="comment" rows={2} value={comment} disabled={!enabled || busy} onInput={(e) => setComment(e.currentTarget.value)} />
      <div class="q-form__buttons">
        <Button type="submit" variant="primary" icon="check" loading={busy} disabled={!enabled}>
          {COMPLETE_LABEL[kind] ?? "Complete"}
        </Button>
      </div>
    </form>
  );
}
