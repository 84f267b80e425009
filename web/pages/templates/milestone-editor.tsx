import { Button } from "../../components/button";
import { Input, Select } from "../../components/field";
import type { TaskOwner } from "../../lib/api-types";
import { newTask, type DraftErrors, type MilestoneDraft, type TaskDraft } from "./editor-model";

const OWNERS: { value: TaskOwner; label: string }[] = [
  { value: "csm", label: "CSM" },
  { value: "customer", label: "Customer" },
];

export interface MilestoneEditorProps {
  milestone: MilestoneDraft;
  index: number;
  count: number;
  errors: DraftErrors;
  /** A new version of this milestone; `focus` is a selector to focus after the change renders. */
  onChange: (next: MilestoneDraft, focus?: string) => void;
  onClearError: (...paths: string[]) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** One milestone: its name and day, its tasks (title, owner, day), and buttons to reorder or remove. */
export function MilestoneEditor({ milestone: m, index: i, count, errors, onChange, onClearError, onMove, onRemove }: MilestoneEditorProps) {
  const label = m.name.trim() || `milestone ${i + 1}`;
  const p = `milestones.${i}`;
  const setTask = (j: number, patch: Partial<TaskDraft>, focus?: string) => onChange({ ...m, tasks: m.tasks.map((t, k) => (k === j ? { ...t, ...patch } : t)) }, focus);
  const moveTask = (j: number, delta: -1 | 1) => {
    const k = j + delta;
    if (k < 0 || k >= m.tasks.length) return;
    const tasks = [...m.tasks];
    [tasks[j], tasks[k]] = [tasks[k], tasks[j]];
    onChange({ ...m, tasks }, `[data-focus="task-${m.tasks[j].key}-${delta < 0 ? "up" : "down"}"]`);
  };

  return (
    <fieldset class="tpl-ms" aria-label={`Milestone ${i + 1}`}>
      <div class="tpl-ms__head">
        <span class="tpl-ms__num" aria-hidden="true">
          {i + 1}
        </span>
        <Input
          label="Milestone"
          class="tpl-ms__name"
          required
          data-focus={`ms-${m.key}-name`}
          value={m.name}
          error={errors[`${p}.name`]}
          onInput={(e) => {
            onChange({ ...m, name: e.currentTarget.value });
            onClearError(`${p}.name`);
          }}
        />
        <Input
          label="Day"
          class="tpl-day"
          type="number"
          min={0}
          max={3650}
          step={1}
          inputMode="numeric"
          required
          value={m.offsetDays}
          error={errors[`${p}.offsetDays`]}
          onInput={(e) => {
            onChange({ ...m, offsetDays: e.currentTarget.value });
            onClearError(`${p}.offsetDays`);
          }}
        />
        <div class="tpl-ms__tools">
          <Button size="sm" variant="ghost" aria-label={`Move ${label} up`} title="Move up" disabled={i === 0} data-focus={`ms-${m.key}-up`} onClick={() => onMove(-1)}>
            ↑
          </Button>
          <Button size="sm" variant="ghost" aria-label={`Move ${label} down`} title="Move down" disabled={i === count - 1} data-focus={`ms-${m.key}-down`} onClick={() => onMove(1)}>
            ↓
          </Button>
          <Button size="sm" variant="ghost" icon="trash" aria-label={`Remove ${label}`} title="Remove milestone" onClick={onRemove} />
        </div>
      </div>
      <div class="tpl-tasks">
        {m.tasks.length ? (
          <div class="tpl-task tpl-task--head" aria-hidden="true">
            <span>Task</span>
            <span>Owner</span>
            <span>Day</span>
          </div>
        ) : (
          <p class="tpl-empty">No tasks in this milestone.</p>
        )}
        {m.tasks.map((t, j) => {
          const tp = `${p}.tasks.${j}`;
          const tl = t.title.trim() || `task ${j + 1}`;
          return (
            <div key={t.key} class="tpl-task">
              <Input
                label={`Task ${j + 1} of ${label}`}
                hideLabel
                data-focus={`task-${t.key}-title`}
                required
                value={t.title}
                error={errors[`${tp}.title`]}
                onInput={(e) => {
                  setTask(j, { title: e.currentTarget.value });
                  onClearError(`${tp}.title`);
                }}
              />
              <Select label={`Owner of ${tl}`} hideLabel options={OWNERS} value={t.owner} onChange={(e) => setTask(j, { owner: e.currentTarget.value as TaskOwner })} />
              <Input
                label={`Day of ${tl}`}
                hideLabel
                class="tpl-day"
                type="number"
                min={0}
                max={3650}
                step={1}
                inputMode="numeric"
                required
                value={t.offsetDays}
                error={errors[`${tp}.offsetDays`]}
                onInput={(e) => {
                  setTask(j, { offsetDays: e.currentTarget.value });
                  onClearError(`${tp}.offsetDays`);
                }}
              />
              <div class="tpl-task__tools">
                <Button size="sm" variant="ghost" aria-label={`Move ${tl} up`} title="Move up" disabled={j === 0} data-focus={`task-${t.key}-up`} onClick={() => moveTask(j, -1)}>
                  ↑
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Move ${tl} down`} title="Move down" disabled={j === m.tasks.length - 1} data-focus={`task-${t.key}-down`} onClick={() => moveTask(j, 1)}>
                  ↓
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  icon="close"
                  aria-label={`Remove ${tl}`}
                  title="Remove task"
                  onClick={() => onChange({ ...m, tasks: m.tasks.filter((_, k) => k !== j) }, `[data-focus="add-task-${m.key}"]`)}
                />
              </div>
            </div>
          );
        })}
        <div>
          <Button
            size="sm"
            variant="ghost"
            icon="plus"
            data-focus={`add-task-${m.key}`}
            onClick={() => {
              const t = newTask(m.tasks[m.tasks.length - 1]?.offsetDays ?? m.offsetDays);
              onChange({ ...m, tasks: [...m.tasks, t] }, `[data-focus="task-${t.key}-title"]`);
            }}
          >
            Add task to {label}
          </Button>
        </div>
      </div>
    </fieldset>
  );
}
