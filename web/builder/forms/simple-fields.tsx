/** The plain controls of generated forms: text, numbers, short lists, and JSON for the rest. */
import { useState } from "preact/hooks";
import { Input, Textarea } from "../../components/field";
import { useDraftText, useFormContext } from "./context";

interface SimpleProps {
  id: string;
  label: string;
  value: unknown;
  error?: string;
  hint?: string;
  optional?: boolean;
  onChange: (v: unknown) => void;
}

export function TextField({ id, label, value, error, hint, optional, onChange, multiline }: SimpleProps & { multiline?: boolean }) {
  const ctx = useFormContext();
  const props = {
    id,
    label,
    hint,
    error,
    value: typeof value === "string" ? value : "",
    disabled: ctx.disabled,
    onInput: (e: { currentTarget: { value: string } }) => {
      const v = e.currentTarget.value;
      onChange(optional && v === "" ? undefined : v);
    },
  };
  return multiline ? <Textarea {...props} rows={4} /> : <Input {...props} />;
}

export function NumberField({ id, label, value, error, hint, integer, onChange, placeholder, min, max }: SimpleProps & { integer: boolean; placeholder?: string; min?: number; max?: number }) {
  const ctx = useFormContext();
  const [text, setText] = useDraftText(
    value,
    (v) => (typeof v === "number" ? String(v) : ""),
    (t) => (t.trim() === "" ? undefined : Number.isFinite(Number(t)) ? Number(t) : t),
  );
  return (
    <Input
      id={id}
      label={label}
      hint={hint}
      error={error}
      type="number"
      inputMode={integer ? "numeric" : "decimal"}
      step={integer ? 1 : "any"}
      placeholder={placeholder}
      min={min}
      max={max}
      value={text}
      disabled={ctx.disabled}
      onInput={(e) => onChange(setText(e.currentTarget.value))}
    />
  );
}

/** A list of short texts, one per line (paths, status values, options). */
export function StringListField({ id, label, value, error, paths, optional, onChange }: SimpleProps & { paths: boolean }) {
  const ctx = useFormContext();
  const [text, setText] = useDraftText(
    Array.isArray(value) ? value.map(String) : [],
    (l) => l.join("\n"),
    (t) => t.split("\n").map((x) => x.trim()).filter(Boolean),
  );
  return (
    <Textarea
      id={id}
      label={label}
      hint={paths ? "One run-data path per line, e.g. deal.arr" : "One per line"}
      error={error}
      rows={3}
      value={text}
      disabled={ctx.disabled}
      onInput={(e) => {
        const list = setText(e.currentTarget.value);
        onChange(optional && list.length === 0 ? undefined : list);
      }}
    />
  );
}

/** Anything the form has no control for: edited as JSON, applied when it parses. */
export function JsonField({ id, label, value, error, onChange }: SimpleProps) {
  const ctx = useFormContext();
  const [text, setText] = useState(() => (value === undefined ? "" : JSON.stringify(value, null, 2)));
  const [bad, setBad] = useState<string | null>(null);
  return (
    <Textarea
      id={id}
      label={label}
      hint="JSON"
      error={bad ?? error}
      rows={4}
      class="field--mono"
      value={text}
      disabled={ctx.disabled}
      onInput={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        if (t.trim() === "") {
          setBad(null);
          return onChange(undefined);
        }
        try {
          onChange(JSON.parse(t));
          setBad(null);
        } catch {
          setBad("Not valid JSON yet");
        }
      }}
    />
  );
}
