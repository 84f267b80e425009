import { useLocation } from "preact-iso";
import { useEffect, useRef, useState } from "preact/hooks";
import { Badge } from "../components/badge";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { ConfirmDialog } from "../components/confirm-dialog";
import { isCalendarDay } from "../components/task-form";
import { todayIso } from "../components/due-badge";
import { EmptyState } from "../components/empty-state";
import { FormError, Input, Textarea, focusFirstInvalid } from "../components/field";
import { LeaveGuard } from "../components/leave-guard";
import { PageHeader } from "../components/page-header";
import { PlanTimeline } from "../components/plan-timeline";
import { LoadingBlock } from "../components/spinner";
import { ApiError, errorMessage, fieldErrors } from "../lib/api";
import type { OnboardingTemplate } from "../lib/api-types";
import { createTemplate, deleteTemplate, getTemplate, updateTemplate } from "../lib/endpoints/templates";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import { MilestoneEditor } from "./templates/milestone-editor";
import { draftFromTemplate, newMilestone, parseOffset, previewPlan, sameTemplate, toTemplateInput, validateDraft, type DraftErrors, type MilestoneDraft, type TemplateDraft } from "./templates/editor-model";
import { plural } from "./settings/format";
import "./templates/templates.css";
import { DeleteTemplateWording } from "./templates/delete-wording";

const back = <a href="/templates">← Templates</a>;

/** `/templates/:id` (and `/templates/new`): edit a template's milestones and tasks, with a dated preview. */
export function TemplateEditorPage({ id }: { id: string }) {
  const { api } = useAppState();
  const isNew = id === "new";
  const loaded = useLoad<OnboardingTemplate | null>(() => (isNew ? Promise.resolve(null) : getTemplate(api, id)), [id]);
  const s = loaded.state;
  if (s.status === "error" && s.data === undefined) {
    const missing = s.error instanceof ApiError && s.error.status === 404;
    return (
      <>
        <PageHeader title="Template" eyebrow={back} />
        <Card>
          <EmptyState icon={missing ? "compass" : "alert"} title={missing ? "This template doesn't exist" : "Couldn't load the template"} action={missing ? undefined : <Button icon="refresh" onClick={loaded.reload}>Try again</Button>}>
            {missing ? "It may have been deleted." : errorMessage(s.error)}
          </EmptyState>
        </Card>
      </>
    );
  }
  // Right after "Create template" the route changes to the new id while the last answer (null, for
  // "new") is still held: wait for this template rather than open an empty editor for it.
  if (s.data === undefined || (!isNew && s.data === null)) return <LoadingBlock label="Loading the template…" />;
  return <Editor key={id} template={s.data} />;
}

function Editor({ template }: { template: OnboardingTemplate | null }) {
  const { api, toasts } = useAppState();
  const { route } = useLocation();
  const [saved, setSaved] = useState<TemplateDraft>(() => draftFromTemplate(template));
  const [draft, setDraft] = useState<TemplateDraft>(saved);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [start, setStart] = useState(todayIso());
  const form = useRef<HTMLFormElement>(null);
  const [focusTarget, setFocusTarget] = useState<{ selector: string } | null>(null);
  const dirty = !sameTemplate(saved, draft);

  // After adding or moving a row, put focus where the person expects it. Kept in state (not a ref)
  // so only the render that made the change acts on it.
  useEffect(() => {
    if (!focusTarget) return;
    const el = form.current?.querySelector<HTMLButtonElement>(focusTarget.selector);
    // A move to the top or bottom disables the arrow just used: focus its twin instead.
    (el?.disabled ? [...(el.parentElement?.querySelectorAll("button") ?? [])].find((b) => !b.disabled) : el)?.focus();
  }, [focusTarget]);

  const clear = (...paths: string[]) => {
    if (paths.some((p) => errors[p]) || errors.form) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !paths.includes(k) && k !== "form")));
  };

  /** Changes the milestones; `reshaped` when rows moved or went, so per-row errors would point at the wrong rows. */
  const setMilestones = (fn: (ms: MilestoneDraft[]) => MilestoneDraft[], focus?: string, reshaped = true) => {
    setDraft((d) => ({ ...d, milestones: fn(d.milestones) }));
    if (reshaped) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("milestones."))));
    if (focus) setFocusTarget({ selector: focus });
  };

  async function onSubmit(e: Event) {
    e.preventDefault();
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length) {
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    setBusy(true);
    try {
      const body = toTemplateInput(draft);
      const result = template ? await updateTemplate(api, template.id, body) : await createTemplate(api, body);
      const fresh = draftFromTemplate(result);
      setSaved(fresh);
      setDraft(fresh);
      toasts.success(template ? "Template saved" : "Template created", "Workflows that apply it use this version from their next run; existing plans keep theirs.");
      if (!template) route(`/templates/${encodeURIComponent(result.id)}`, true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const byPath = fieldErrors(err.details);
        setErrors(Object.keys(byPath).length ? byPath : { form: err.message });
        queueMicrotask(() => focusFirstInvalid(form.current));
      } else {
        setErrors({ form: errorMessage(err) });
      }
    } finally {
      setBusy(false);
    }
  }

  const plan = isCalendarDay(start) ? previewPlan(draft, start) : [];
  const lastDay = Math.max(0, ...draft.milestones.flatMap((m) => [parseOffset(m.offsetDays) ?? 0, ...m.tasks.map((t) => parseOffset(t.offsetDays) ?? 0)]));
  // The saved name, so a rename shows in the heading as soon as it is saved.
  const title = template ? saved.name || template.name : "New template";

  return (
    <>
      <PageHeader
        title={title}
        eyebrow={back}
        description="Days are business days (Monday to Friday) counted from the plan's start date (day 0), not from the previous milestone; a plan starting on a weekend starts the Monday after."
        actions={
          <>
            {dirty ? <Badge tone="warning">Unsaved changes</Badge> : template ? <Badge tone="success">Saved</Badge> : null}
            {template ? (
              <Button variant="danger" icon="trash" onClick={() => setDeleting(true)}>
                Delete
              </Button>
            ) : null}
            <Button type="submit" variant="primary" icon="check" loading={busy} form="template-form">
              {template ? "Save template" : "Create template"}
            </Button>
          </>
        }
      />
      <div class="tpl-grid">
        <form id="template-form" ref={form} class="stack stack--lg" noValidate aria-label="Template" onSubmit={onSubmit}>
          <FormError>{errors.form}</FormError>
          <Card title="Details">
            <div class="stack">
              <Input
                label="Name"
                name="name"
                required
                maxLength={120}
                value={draft.name}
                error={errors.name}
                onInput={(e) => {
                  const v = e.currentTarget.value;
                  setDraft((d) => ({ ...d, name: v }));
                  clear("name");
                }}
              />
              <Textarea
                label="Description (optional)"
                name="description"
                rows={2}
                value={draft.description}
                error={errors.description}
                hint="Who this plan is for, e.g. “Accounts from $100k ARR”."
                onInput={(e) => {
                  const v = e.currentTarget.value;
                  setDraft((d) => ({ ...d, description: v }));
                  clear("description");
                }}
              />
            </div>
          </Card>
          <Card
            title="Milestones"
            description={`${plural(draft.milestones.length, "milestone")}, ${plural(draft.milestones.reduce((n, m) => n + m.tasks.length, 0), "task")} over ${plural(lastDay, "business day")}.`}
          >
            <div class="stack">
              {errors.milestones ? <p class="field__error">{errors.milestones}</p> : null}
              {draft.milestones.length === 0 ? <p class="tpl-empty">No milestones yet. Add the first one, e.g. “Kickoff” on day 0.</p> : null}
              {draft.milestones.map((m, i) => (
                <MilestoneEditor
                  key={m.key}
                  milestone={m}
                  index={i}
                  count={draft.milestones.length}
                  errors={errors}
                  onChange={(next, focus) =>
                    setMilestones((ms) => ms.map((x, k) => (k === i ? next : x)), focus, next.tasks.map((t) => t.key).join() !== m.tasks.map((t) => t.key).join())
                  }
                  onClearError={clear}
                  onMove={(delta) => setMilestones((ms) => {
                    const j = i + delta;
                    if (j < 0 || j >= ms.length) return ms;
                    const next = [...ms];
                    [next[i], next[j]] = [next[j], next[i]];
                    return next;
                  }, `[data-focus="ms-${m.key}-${delta < 0 ? "up" : "down"}"]`)}
                  onRemove={() => setMilestones((ms) => ms.filter((_, k) => k !== i), `[data-focus="add-milestone"]`)}
                />
              ))}
              <div>
                <Button
                  icon="plus"
                  data-focus="add-milestone"
                  onClick={() => {
                    // A new milestone starts a week (five business days) after the latest one.
                    const latest = Math.max(-5, ...draft.milestones.map((x) => parseOffset(x.offsetDays) ?? 0));
                    const m = newMilestone(String(latest + 5));
                    setMilestones((ms) => [...ms, m], `[data-focus="ms-${m.key}-name"]`);
                  }}
                >
                  Add milestone
                </Button>
              </div>
            </div>
          </Card>
        </form>
        <aside class="tpl-preview">
          <Card title="Plan preview" description="The dates an account starting on this day would get.">
            <div class="stack">
              <Input label="Start date" type="date" value={start} onInput={(e) => setStart(e.currentTarget.value)} error={isCalendarDay(start) ? null : "Pick a start date"} />
              {plan.length ? <PlanTimeline plan={plan} startDate={start} label="Plan preview" /> : <p class="tpl-empty">Add a milestone to see the plan.</p>}
            </div>
          </Card>
        </aside>
      </div>
      <ConfirmDialog
        open={deleting}
        title={`Delete ${template?.name ?? "template"}?`}
        confirmLabel="Delete template"
        onCancel={() => setDeleting(false)}
        onConfirm={async () => {
          await deleteTemplate(api, template!.id);
          setDeleting(false);
          toasts.success(`${template!.name} was deleted`);
          route("/templates");
        }}
      >
        <DeleteTemplateWording />
      </ConfirmDialog>
      {/* Closing the tab, an in-app link or Back with unsaved changes asks first. */}
      <LeaveGuard when={dirty}>Your changes to this template have not been saved and will be lost.</LeaveGuard>
    </>
  );
}
