/** Pickers for the records a config points at, and for CRM stages. */
import { Checkbox, Input, Select, type SelectOption } from "../../components/field";
import { CRM_STAGES, type StageOption } from "../crm-stages";
import { useLookups, type Lookup } from "../lookups";
import { useDraftText, useFormContext } from "./context";
import { TemplateInput } from "./text-fields";

interface PickerProps {
  id: string;
  label: string;
  value: unknown;
  onChange: (v: string | undefined) => void;
  error?: string;
  optional?: boolean;
  hideLabel?: boolean;
}

const CONNECTOR_NAMES: Record<string, string> = { hubspot: "HubSpot", salesforce: "Salesforce", notion: "Notion" };

/** Options for a select, keeping an id that is no longer in the list visible instead of silently blank. */
function withCurrent(options: SelectOption[], value: unknown): SelectOption[] {
  if (typeof value !== "string" || value === "" || options.some((o) => o.value === value)) return options;
  return [...options, { value, label: `Missing (${value})` }];
}

function LookupSelect<T>(props: PickerProps & { lookup: Lookup<T>; toOption: (t: T) => SelectOption; placeholder: string; emptyHint: string }) {
  const { id, label, value, onChange, error, optional, hideLabel, lookup, toOption, placeholder, emptyHint } = props;
  const ctx = useFormContext();
  const options = withCurrent(lookup.items.map(toOption), value);
  const hint = lookup.status === "loading" ? "Loading…" : lookup.status === "error" ? "Couldn't load the list; reload the page to try again." : options.length === 0 ? emptyHint : undefined;
  return (
    <Select
      id={id}
      label={label}
      hideLabel={hideLabel}
      options={options}
      placeholder={placeholder}
      value={typeof value === "string" ? value : ""}
      error={error}
      hint={hint}
      disabled={ctx.disabled}
      onChange={(e) => {
        const v = e.currentTarget.value;
        onChange(v === "" ? (optional ? undefined : "") : v);
      }}
    />
  );
}

/**
 * A connector of one CRM. While the workspace has none of that kind (or the list cannot be loaded)
 * the id can be typed, so a workflow can be drafted before its connector exists.
 */
export function ConnectorPicker(props: PickerProps & { kind: string }) {
  const lookups = useLookups();
  const ctx = useFormContext();
  const list = lookups.connectors.value;
  const crm = CONNECTOR_NAMES[props.kind] ?? props.kind;
  const ofKind = { ...list, items: list.items.filter((c) => c.kind === props.kind) };
  if (list.status !== "loading" && ofKind.items.length === 0) {
    return (
      <Input
        id={props.id}
        label={props.label}
        value={typeof props.value === "string" ? props.value : ""}
        error={props.error}
        hint={`No ${crm} connector yet: add one on the Connectors page, or type the id of the one you will use.`}
        disabled={ctx.disabled}
        onInput={(e) => props.onChange(e.currentTarget.value)}
      />
    );
  }
  return (
    <LookupSelect
      {...props}
      lookup={ofKind}
      placeholder={`Choose a ${crm} connector…`}
      emptyHint=""
      toOption={(c) => ({ value: c.id, label: `${c.name}${c.status !== "connected" ? ` (${c.status})` : ""}${c.mode === "demo" ? " · demo" : ""}` })}
    />
  );
}

export function PoolPicker(props: PickerProps) {
  const lookups = useLookups();
  return (
    <LookupSelect
      {...props}
      lookup={lookups.pools.value}
      placeholder="Choose a pool…"
      emptyHint="No CSM pools yet: create one on the Team page."
      toOption={(p) => ({ value: p.id, label: `${p.name} (${p.members.length} ${p.members.length === 1 ? "member" : "members"})` })}
    />
  );
}

export function UserPicker(props: PickerProps) {
  const lookups = useLookups();
  return (
    <LookupSelect
      {...props}
      lookup={lookups.users.value}
      placeholder="Choose a person…"
      emptyHint="No users."
      toOption={(u) => ({ value: u.id, label: `${u.name} (${u.email})` })}
    />
  );
}

export function TemplatePicker(props: PickerProps) {
  const lookups = useLookups();
  return (
    <LookupSelect
      {...props}
      lookup={lookups.templates.value}
      placeholder="Choose a template…"
      emptyHint="No onboarding templates yet: create one on the Templates page."
      toOption={(t) => ({ value: t.id, label: t.name })}
    />
  );
}

type AssigneeValue = { userId: string } | { poolId: string } | { email: string } | undefined;

/** Who a task goes to: a person, a pool's members, or an e-mail address (which may be a template). */
export function AssigneeField({ id, label, value, onChange, error, errors, optional }: {
  id: string;
  label: string;
  value: unknown;
  onChange: (v: AssigneeValue) => void;
  error?: string;
  /** Errors of the sub-fields (`userId`, `poolId`, `email`). */
  errors: (key: string) => string | undefined;
  optional?: boolean;
}) {
  const ctx = useFormContext();
  const v = (value && typeof value === "object" ? value : {}) as Record<string, string>;
  const mode = "userId" in v ? "user" : "poolId" in v ? "pool" : "email" in v ? "email" : "";
  const modes: SelectOption[] = [
    { value: "user", label: "A person" },
    { value: "pool", label: "A CSM pool" },
    { value: "email", label: "An e-mail address" },
  ];
  return (
    <fieldset class="form-group">
      <legend class="form-group__legend">{label}</legend>
      <Select
        id={`${id}-mode`}
        label="Goes to"
        options={modes}
        placeholder={optional ? "Nobody" : "Choose…"}
        value={mode}
        error={mode ? undefined : error}
        disabled={ctx.disabled}
        onChange={(e) => {
          const m = e.currentTarget.value;
          onChange(m === "user" ? { userId: "" } : m === "pool" ? { poolId: "" } : m === "email" ? { email: "" } : undefined);
        }}
      />
      {mode === "user" ? <UserPicker id={`${id}-user`} label="Person" value={v.userId} error={errors("userId") ?? error} onChange={(x) => onChange({ userId: x ?? "" })} /> : null}
      {mode === "pool" ? <PoolPicker id={`${id}-pool`} label="Pool" value={v.poolId} error={errors("poolId") ?? error} onChange={(x) => onChange({ poolId: x ?? "" })} /> : null}
      {mode === "email" ? (
        <TemplateInput id={`${id}-email`} label="E-mail address" value={v.email} error={errors("email") ?? error} hint="For example {{deal.owner.email}}" onChange={(x) => onChange({ email: x ?? "" })} />
      ) : null}
    </fieldset>
  );
}

/**
 * CRM stages: the usual ones of the trigger's CRM as checkboxes, plus any others typed in (custom
 * pipelines have their own stage ids).
 */
export function StagesField({ id, label, crm, value, onChange, error }: {
  id: string;
  label: string;
  crm: keyof typeof CRM_STAGES;
  value: unknown;
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const ctx = useFormContext();
  const selected = Array.isArray(value) ? value.map(String) : [];
  const known: readonly StageOption[] = CRM_STAGES[crm];
  const knownValues = new Set(known.map((s) => s.value));
  const others = selected.filter((s) => !knownValues.has(s));
  const [text, setText] = useDraftText(
    others,
    (o) => o.join(", "),
    (t) => t.split(",").map((x) => x.trim()).filter(Boolean),
  );
  const toggle = (stage: string, on: boolean) => {
    const next = on ? [...selected, stage] : selected.filter((s) => s !== stage);
    onChange(known.map((s) => s.value).filter((s) => next.includes(s)).concat(next.filter((s) => !knownValues.has(s))));
  };
  return (
    <fieldset class="form-group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend class="form-group__legend">{label}</legend>
      <div class="check-grid">
        {known.map((s) => (
          <Checkbox
            key={s.value}
            id={`${id}-${s.value.replace(/[^A-Za-z0-9_-]/g, "_")}`}
            label={s.label}
            checked={selected.includes(s.value)}
            disabled={ctx.disabled}
            onChange={(e) => toggle(s.value, e.currentTarget.checked)}
          />
        ))}
      </div>
      <Input
        id={`${id}-other`}
        label="Other stages (optional)"
        hint="Stage ids or names, separated by commas"
        value={text}
        disabled={ctx.disabled}
        onInput={(e) => {
          const typed = setText(e.currentTarget.value);
          onChange([...selected.filter((s) => knownValues.has(s)), ...typed]);
        }}
      />
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
