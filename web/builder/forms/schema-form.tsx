/**
 * Config forms generated from a node type's JSON Schema (`GET /api/node-types`): each property gets
 * the control its type and `x-widget` call for — pickers for connectors, pools, users and templates,
 * path and template inputs with run-data suggestions, rule lists, repeatable groups — and shows the
 * validation error for its path. Optional fields say so in their label and disappear when cleared.
 */
import { useId } from "preact/hooks";
import { Checkbox, Select } from "../../components/field";
import type { JsonSchema } from "../../lib/api-types";
import { STAGE_FIELDS } from "../crm-stages";
import { ApplyTemplateForm } from "./apply-template-form";
import { childPath, controlId, FormContext, useFormContext, type FormContextValue } from "./context";
import { FIELD_SETTINGS, isFormFieldSchema, retyped, settingShown } from "./form-field-settings";
import { MapField } from "./map-field";
import { ObjectList } from "./object-list";
import { AssigneeField, ConnectorPicker, PoolPicker, StagesField, TemplatePicker, UserPicker } from "./pickers";
import { RuleList } from "./rule-list";
import { fieldKind, fieldLabel, isMultiline, withKey } from "./schema";
import { JsonField, NumberField, StringListField, TextField } from "./simple-fields";
import { PathInput, TemplateInput } from "./text-fields";

type Obj = Record<string, unknown>;

export interface SchemaFormProps {
  schema: JsonSchema;
  value: Obj;
  onChange: (value: Obj) => void;
  nodeType: string;
  paths?: readonly string[];
  errors?: Readonly<Record<string, string>>;
  disabled?: boolean;
}

/** Forms that need more than the schema says (a choice between two shapes of config). */
const CUSTOM_FORMS: Record<string, typeof ApplyTemplateForm> = {
  "action.apply_template": ApplyTemplateForm,
};

export function SchemaForm({ schema, value, onChange, nodeType, paths = [], errors = {}, disabled }: SchemaFormProps) {
  const uid = useId();
  const ctx: FormContextValue = { nodeType, paths, pathsListId: `${uid}-paths`, errors, idPrefix: `cfg${uid}`, disabled };
  const Custom = CUSTOM_FORMS[nodeType];
  const hasProps = Object.keys(schema.properties ?? {}).length > 0;
  return (
    <FormContext.Provider value={ctx}>
      <datalist id={ctx.pathsListId}>
        {paths.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <div class="schema-form">
        {Custom ? (
          <Custom schema={schema} value={value} onChange={onChange} />
        ) : hasProps ? (
          <ObjectFields schema={schema} value={value} onChange={onChange} path="" />
        ) : (
          <p class="form-group__empty">This step has nothing to configure.</p>
        )}
        {errors[""] ? <p class="field__error">{errors[""]}</p> : null}
      </div>
    </FormContext.Provider>
  );
}

/** A form field's choices matter only for choice fields (and stay visible while they hold something). */
const irrelevant = (key: string, value: Obj) =>
  key === "options" && typeof value.type === "string" && !["select", "multiselect"].includes(value.type) && value.options === undefined;

/** Every property of an object schema, in schema order; a form field's type-specific settings as form-field-settings draws them. */
export function ObjectFields({ schema, value, onChange, path, only }: { schema: JsonSchema; value: Obj; onChange: (v: Obj) => void; path: string; only?: readonly string[] }) {
  const ctx = useFormContext();
  const formField = isFormFieldSchema(schema);
  const entries = Object.entries(schema.properties ?? {}).filter(([k]) => (!only || only.includes(k)) && !irrelevant(k, value) && (!formField || settingShown(k, value)));
  return (
    <>
      {entries.map(([key, prop]) => {
        const Setting = formField ? FIELD_SETTINGS[key] : undefined;
        const p = childPath(path, key);
        const set = (v: unknown) => onChange(formField && key === "type" ? retyped(value, v) : withKey(value, key, v));
        if (Setting) return <Setting key={key} id={controlId(ctx, p)} field={value} error={ctx.errors[p]} onChange={set} />;
        return <Field key={key} name={key} schema={prop} required={schema.required?.includes(key) ?? false} value={value[key]} path={p} onChange={set} />;
      })}
    </>
  );
}

const ENUM_LABELS: Record<string, string> = {
  all: "All rules match",
  any: "Any rule matches",
  round_robin: "Round robin",
  weighted: "Weighted (by member weight)",
  least_loaded: "Least loaded",
  completed: "Completed",
  failed: "Failed",
  "page.created": "A page is created",
  status_changed: "Its status changes",
  text: "Text",
  textarea: "Long text",
  number: "Number",
  email: "E-mail",
  select: "Choice",
  multiselect: "Several choices",
  date: "Date",
  checkbox: "Checkbox",
  user: "Team member",
  string: "Text",
  boolean: "Yes / no",
};

interface FieldProps {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  path: string;
  onChange: (v: unknown) => void;
}

/** One property: picks the control from the schema. */
export function Field({ name, schema, required, value, path, onChange }: FieldProps) {
  const ctx = useFormContext();
  const id = controlId(ctx, path);
  const label = `${fieldLabel(name, schema)}${required ? "" : " (optional)"}`;
  const error = ctx.errors[path];
  const hint = typeof schema.description === "string" ? schema.description : undefined;
  const optional = !required;

  const stageCrm = STAGE_FIELDS[`${ctx.nodeType}.${path}`];
  if (stageCrm) return <StagesField id={id} label={label} crm={stageCrm} value={value} error={error} onChange={onChange} />;

  const kind = fieldKind(schema);
  switch (kind.kind) {
    case "widget": {
      const w = kind.widget;
      if (w.startsWith("connector:")) return <ConnectorPicker id={id} label={label} kind={w.slice(10)} value={value} error={error} optional={optional} onChange={onChange} />;
      if (w === "pool") return <PoolPicker id={id} label={label} value={value} error={error} optional={optional} onChange={onChange} />;
      if (w === "template-picker") return <TemplatePicker id={id} label={label} value={value} error={error} optional={optional} onChange={onChange} />;
      if (w === "user") return <UserPicker id={id} label={label} value={value} error={error} optional={optional} onChange={onChange} />;
      if (w === "assignee") return <AssigneeField id={id} label={label} value={value} error={error} optional={optional} errors={(k) => ctx.errors[childPath(path, k)]} onChange={onChange} />;
      if (w === "path") return <PathInput id={id} label={label} value={value} error={error} hint={hint} optional={optional} onChange={onChange} />;
      if (w === "template" || w === "markdown-template")
        return <TemplateInput id={id} label={label} value={value} error={error} hint={hint} optional={optional} multiline={isMultiline(name, schema)} onChange={onChange} />;
      if (w === "textarea") return <TextField id={id} label={label} value={value} error={error} hint={hint} optional={optional} onChange={onChange} multiline />;
      return <JsonField id={id} label={label} value={value} error={error} onChange={onChange} />;
    }
    case "enum":
      return (
        <Select
          id={id}
          label={label}
          hint={hint}
          error={error}
          options={kind.options.map((o) => ({ value: o, label: ENUM_LABELS[o] ?? o }))}
          placeholder={optional ? "Not set" : undefined}
          value={typeof value === "string" ? value : ""}
          disabled={ctx.disabled}
          onChange={(e) => onChange(e.currentTarget.value === "" ? undefined : e.currentTarget.value)}
        />
      );
    case "boolean": {
      const defaultOn = /default on/i.test(hint ?? "");
      return (
        <Checkbox
          id={id}
          label={fieldLabel(name, schema)}
          hint={hint && !defaultOn ? hint : undefined}
          error={error}
          checked={typeof value === "boolean" ? value : defaultOn}
          disabled={ctx.disabled}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
    }
    case "number":
      return <NumberField id={id} label={label} value={value} error={error} hint={hint} integer={kind.integer} onChange={onChange} />;
    case "string":
      return <TextField id={id} label={label} value={value} error={error} hint={hint} optional={optional} onChange={onChange} multiline={isMultiline(name, schema)} />;
    case "rules":
      return <RuleList id={id} label={label} value={value} path={path} onChange={onChange} />;
    case "string-list":
      return <StringListField id={id} label={label} value={value} error={error} paths={kind.itemWidget === "path"} optional={optional} onChange={onChange} />;
    case "object-list":
      return <ObjectList name={name} label={label} schema={schema} value={value} path={path} onChange={onChange} />;
    case "object":
      return (
        <fieldset class="form-group">
          <legend class="form-group__legend">{label}</legend>
          <ObjectFields schema={schema} value={(value && typeof value === "object" ? value : {}) as Obj} path={path} onChange={(v) => onChange(Object.keys(v).length || required ? v : undefined)} />
          {error ? <p class="field__error">{error}</p> : null}
        </fieldset>
      );
    case "map":
      return <MapField id={id} label={label} value={value} path={path} keyIsPath={kind.widget === "path-template-map"} onChange={onChange} />;
    default:
      return <JsonField id={id} label={label} value={value} error={error} onChange={onChange} />;
  }
}
