import { useId } from "preact/hooks";
import type { Person, QueueField } from "../../lib/api-types";
import { Checkbox, Input, Select, Textarea } from "../field";
import { fieldMaxLength, localToday, type FieldValue, type FormErrors, type FormValues } from "./form-values";
import "./task-form.css";

export interface FormFieldsProps {
  fields: readonly QueueField[];
  values: FormValues;
  errors: FormErrors;
  onChange: (key: string, value: FieldValue) => void;
  /**
   * People for `user` fields, per field key. `undefined` while loading (the select shows
   * "Loading people…"); `null` when the list is not available, so the field becomes a text box.
   */
  people?: Record<string, Person[] | null | undefined>;
  disabled?: boolean;
  /** Add "(optional)" to optional fields' labels (default). Reviews turn it off: every field there is a correction. */
  markOptional?: boolean;
}

/** "Label" for required fields, "Label (optional)" otherwise (the design system marks optional fields, not required ones). */
const labelOf = (f: QueueField, markOptional = true) => (!markOptional || f.required || f.type === "checkbox" ? f.label : `${f.label} (optional)`);

function personLabel(p: Person): string {
  return `${p.name} (${p.email})${p.outOfOffice ? " — out of office" : ""}`;
}

/** A multiselect: one checkbox per option in a fieldset named by the field's label. */
function MultiSelect({ field, value, error, onChange, disabled, markOptional }: { field: QueueField; value: string[]; error?: string; onChange: (v: string[]) => void; disabled?: boolean; markOptional?: boolean }) {
  const id = useId();
  return (
    <fieldset class="choice-group" aria-describedby={error ? `${id}-error` : field.help ? `${id}-hint` : undefined} aria-invalid={error ? true : undefined}>
      <legend class="field__label">{labelOf(field, markOptional)}</legend>
      <div class="choice-group__options">
        {(field.options ?? []).map((o) => (
          <Checkbox
            key={o}
            label={o}
            checked={value.includes(o)}
            disabled={disabled}
            onChange={(e) => onChange(e.currentTarget.checked ? [...value, o] : value.filter((v) => v !== o))}
          />
        ))}
      </div>
      {field.help && !error ? (
        <p class="field__hint" id={`${id}-hint`}>
          {field.help}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** From this share of a text field's limit on, the field counts its characters under the box. */
const COUNT_FROM = 0.8;

/** The field's help, and once the answer nears the field's limit, "n / max characters". */
function hintOf(f: QueueField, text: string) {
  const limit = fieldMaxLength(f);
  const near = limit !== null && text.length >= Math.floor(limit * COUNT_FROM);
  if (!near) return f.help;
  const counter = (
    <span class={`task-form__counter${text.length > limit ? " task-form__counter--over" : ""}`} data-counter="">
      {text.length.toLocaleString("en-US")} / {limit.toLocaleString("en-US")} characters
    </span>
  );
  return f.help ? (
    <>
      {f.help} · {counter}
    </>
  ) : (
    counter
  );
}

/**
 * The controls of a task form, one per field, in order: text, e-mail, number, date, long text,
 * choice (select), several choices (checkboxes), yes/no (checkbox) and person (select of people).
 */
export function FormFields({ fields, values, errors, onChange, people = {}, disabled, markOptional = true }: FormFieldsProps) {
  return (
    <>
      {fields.map((f) => {
        const v = values[f.key];
        const text = typeof v === "string" ? v : "";
        const common = { label: labelOf(f, markOptional), hint: hintOf(f, text), error: errors[f.key], disabled, name: f.key, required: f.required };
        switch (f.type) {
          case "textarea":
            return <Textarea key={f.key} {...common} rows={4} value={text} onInput={(e) => onChange(f.key, e.currentTarget.value)} />;
          case "checkbox":
            return <Checkbox key={f.key} label={f.label} hint={f.help} error={errors[f.key]} disabled={disabled} name={f.key} checked={v === true} onChange={(e) => onChange(f.key, e.currentTarget.checked)} />;
          case "select":
            return (
              <Select
                key={f.key}
                {...common}
                options={(f.options ?? []).map((o) => ({ value: o, label: o }))}
                placeholder="Choose…"
                value={text}
                onChange={(e) => onChange(f.key, e.currentTarget.value)}
              />
            );
          case "multiselect":
            return <MultiSelect key={f.key} field={f} value={Array.isArray(v) ? v : []} error={errors[f.key]} disabled={disabled} markOptional={markOptional} onChange={(next) => onChange(f.key, next)} />;
          case "user": {
            const list = people[f.key];
            if (list === null) {
              return <Input key={f.key} {...common} hint={f.help ?? "The person's user id."} value={text} autoComplete="off" onInput={(e) => onChange(f.key, e.currentTarget.value)} />;
            }
            const options = (list ?? []).map((p) => ({ value: p.id, label: personLabel(p) }));
            // Keep a chosen id selectable even if the list no longer has it.
            if (text && !options.some((o) => o.value === text)) options.unshift({ value: text, label: text });
            return (
              <Select
                key={f.key}
                {...common}
                options={options}
                placeholder={list === undefined ? "Loading people…" : list.length ? "Choose a person…" : "Nobody available"}
                value={text}
                onChange={(e) => onChange(f.key, e.currentTarget.value)}
              />
            );
          }
          case "number":
            return <Input key={f.key} {...common} type="number" step="any" inputMode="decimal" value={text} onInput={(e) => onChange(f.key, e.currentTarget.value)} />;
          case "date":
            return <Input key={f.key} {...common} type="date" min={f.notBefore === "today" ? localToday() : undefined} value={text} onInput={(e) => onChange(f.key, e.currentTarget.value)} />;
          case "email":
            return <Input key={f.key} {...common} type="email" autoComplete="email" value={text} onInput={(e) => onChange(f.key, e.currentTarget.value)} />;
          default:
            return <Input key={f.key} {...common} type="text" value={text} onInput={(e) => onChange(f.key, e.currentTarget.value)} />;
        }
      })}
    </>
  );
}
