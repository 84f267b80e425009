/**
 * Completing a run's waiting human tasks in place (the test panel): approve or reject, pick the CSM,
 * fill in the form or the review, through the same queue API people use (claim, then complete).
 */
import { useEffect, useState } from "preact/hooks";
import { Button } from "../../components/button";
import { Checkbox, FormError, Input, Select, Textarea } from "../../components/field";
import { errorMessage, fieldErrors, isApiError, type ApiClient } from "../../lib/api";
import type { DirectoryPerson, RunDetail, RunQueueItemDetail, RunTask, TaskFormField } from "../../lib/api-types";
import { claimQueueItem, completeQueueItem, getRunQueueItem } from "../../lib/endpoints/runs";

const KIND_LABELS: Record<RunTask["kind"], string> = {
  approval: "Approval",
  review: "Review",
  form: "Form",
  handoff: "Handoff form",
  assignment: "CSM assignment",
};

function FieldInput({ field, value, onChange, error, people, idPrefix }: { field: TaskFormField; value: unknown; onChange: (v: unknown) => void; error?: string; people: DirectoryPerson[]; idPrefix: string }) {
  const id = `${idPrefix}-${field.key}`;
  const label = `${field.label}${field.required ? "" : " (optional)"}`;
  const text = value === undefined || value === null ? "" : String(value);
  switch (field.type) {
    case "textarea":
      return <Textarea id={id} label={label} rows={3} value={text} error={error} hint={field.help} onInput={(e) => onChange(e.currentTarget.value)} />;
    case "checkbox":
      return <Checkbox id={id} label={field.label} checked={value === true} error={error} onChange={(e) => onChange(e.currentTarget.checked)} />;
    case "select":
      return <Select id={id} label={label} options={(field.options ?? []).map((o) => ({ value: o, label: o }))} placeholder="Choose…" value={text} error={error} onChange={(e) => onChange(e.currentTarget.value)} />;
    case "multiselect": {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset class="form-group">
          <legend class="form-group__legend">{label}</legend>
          {(field.options ?? []).map((o) => (
            <Checkbox key={o} id={`${id}-${o}`} label={o} checked={chosen.includes(o)} onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, o] : chosen.filter((x) => x !== o))} />
          ))}
          {error ? <p class="field__error">{error}</p> : null}
        </fieldset>
      );
    }
    case "user":
      return <Select id={id} label={label} options={people.map((p) => ({ value: p.id, label: `${p.name}${p.outOfOffice ? " (out of office)" : ""}` }))} placeholder="Choose a person…" value={text} error={error} onChange={(e) => onChange(e.currentTarget.value)} />;
    case "number":
      return <Input id={id} label={label} type="number" step="any" value={text} error={error} hint={field.help} onInput={(e) => onChange(e.currentTarget.value === "" ? undefined : Number(e.currentTarget.value))} />;
    default:
      return <Input id={id} label={label} type={field.type === "email" ? "email" : field.type === "date" ? "date" : "text"} value={text} error={error} hint={field.help} onInput={(e) => onChange(e.currentTarget.value)} />;
  }
}

function TaskCard({ api, task, onDone }: { api: ApiClient; task: RunTask; onDone: () => void }) {
  const [item, setItem] = useState<RunQueueItemDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [people, setPeople] = useState<DirectoryPerson[]>([]);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    let stop = false;
    let retry: ReturnType<typeof setTimeout>;
    const load = () =>
      getRunQueueItem(api, task.id).then(
        (it) => {
          if (stop) return;
          setItem(it);
          setData(Object.fromEntries(it.form.filter((f) => f.value !== undefined).map((f) => [f.key, f.value])));
          const pool = it.form.find((f) => f.type === "user")?.poolId;
          if (it.form.some((f) => f.type === "user")) {
            api.get<{ items: DirectoryPerson[] }>("/api/directory", { query: { poolId: pool } }).then((r) => !stop && setPeople(r.items), () => undefined);
          }
        },
        // The queue index follows the run by a moment: try again shortly.
        (e) => {
          if (stop) return;
          if (isApiError(e) && e.status === 404) retry = setTimeout(load, 800);
          else setLoadError(errorMessage(e));
        },
      );
    load();
    return () => {
      stop = true;
      clearTimeout(retry);
    };
  }, [task.id]);

  async function complete(action: string, body: { decision?: "approve" | "reject"; comment?: string; data?: Record<string, unknown> }) {
    if (!item) return;
    setBusy(action);
    setErrors({});
    setFormError(null);
    try {
      // Approvals are decided by the assignee or an admin without claiming; the rest are claimed first.
      if (item.kind !== "approval" && item.status === "open") await claimQueueItem(api, item.id);
      await completeQueueItem(api, item.id, body);
      onDone();
    } catch (e) {
      if (isApiError(e) && e.status === 422) setErrors(fieldErrors(e.details));
      setFormError(errorMessage(e));
      setBusy(null);
    }
  }

  const withComment = comment.trim() ? { comment: comment.trim() } : {};
  const idPrefix = `task-${task.id}`;
  return (
    <section class="task-card" aria-labelledby={`${idPrefix}-title`}>
      <p class="task-card__kind">{KIND_LABELS[task.kind]} · waiting</p>
      <h4 id={`${idPrefix}-title`} class="task-card__title">
        {task.title}
      </h4>
      {loadError ? <FormError>{loadError}</FormError> : null}
      {!item && !loadError ? <p class="task-card__note">Loading the task…</p> : null}
      {item ? (
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void complete("submit", { data, ...withComment });
          }}
        >
          {typeof item.context?.why === "string" ? <p class="task-card__note">{item.context.why}</p> : null}
          {item.kind !== "approval"
            ? item.form.map((f) => <FieldInput key={f.key} field={f} value={data[f.key]} error={errors[f.key] ?? errors[`data.${f.key}`]} people={people} idPrefix={idPrefix} onChange={(v) => setData((d) => ({ ...d, [f.key]: v }))} />)
            : null}
          <Textarea id={`${idPrefix}-comment`} label="Comment (optional)" rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          <FormError>{formError}</FormError>
          <div class="cluster">
            {item.kind === "approval" ? (
              <>
                <Button variant="primary" size="sm" loading={busy === "approve"} disabled={!!busy} onClick={() => complete("approve", { decision: "approve", ...withComment })}>
                  Approve
                </Button>
                <Button variant="danger" size="sm" loading={busy === "reject"} disabled={!!busy} onClick={() => complete("reject", { decision: "reject", ...withComment })}>
                  Reject
                </Button>
              </>
            ) : (
              <Button type="submit" variant="primary" size="sm" loading={busy === "submit"} disabled={!!busy}>
                {item.kind === "assignment" ? "Assign CSM" : "Submit"}
              </Button>
            )}
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** The run's open human tasks, each completable here. */
export function RunTasks({ api, run, onChanged }: { api: ApiClient; run: RunDetail; onChanged: () => void }) {
  const open = run.tasks.filter((t) => t.status === "open" || t.status === "claimed");
  if (open.length === 0) return null;
  return (
    <div class="run-tasks">
      {open.map((t) => (
        <TaskCard key={t.id} api={api} task={t} onDone={onChanged} />
      ))}
    </div>
  );
}
