/**
 * The settings of a human step's form field (durable/lib/form.ts `FieldSchema`) that apply to some
 * field types only: a maximum length for text-like fields, "not before today" for dates. Each shows
 * for the types it applies to (and while it holds a value, so a stray one can be seen and cleared),
 * and a change of type drops what the new type does not take: the server refuses such a config.
 */
import type { JSX } from "preact";
import { Checkbox } from "../../components/field";
import type { JsonSchema } from "../../lib/api-types";
import { DEFAULT_MAX_LENGTH, maxLengthOf, MAX_TEXT } from "../../../durable/lib/field-limits";
import { useFormContext } from "./context";
import { NumberField } from "./simple-fields";

type Obj = Record<string, unknown>;

/** Whether an object schema is a form field's (its settings are drawn here, not generically). */
export const isFormFieldSchema = (s: JsonSchema) => Boolean(s.properties?.type && s.properties.maxLength && s.properties.notBefore);

const takesMaxLength = (type: unknown) => typeof type === "string" && maxLengthOf({ type }) !== null;

/** The field with its type set to `type`, without the settings that type does not take. */
export function retyped(field: Obj, type: unknown): Obj {
  const next: Obj = { ...field, type };
  if (type === undefined) delete next.type;
  if (!takesMaxLength(type)) delete next.maxLength;
  if (type !== "date") delete next.notBefore;
  return next;
}

/** Whether the setting `key` of `field` is shown: always for keys this module does not draw. */
export function settingShown(key: string, field: Obj): boolean {
  if (key === "maxLength") return takesMaxLength(field.type) || field.maxLength !== undefined;
  if (key === "notBefore") return field.type === "date" || field.notBefore !== undefined;
  return true;
}

interface SettingProps {
  id: string;
  field: Obj;
  error?: string;
  onChange: (v: unknown) => void;
}

/** "Max length": empty takes the type's default, shown as the placeholder. */
function MaxLength({ id, field, error, onChange }: SettingProps) {
  const fallback = DEFAULT_MAX_LENGTH[field.type as keyof typeof DEFAULT_MAX_LENGTH];
  return (
    <NumberField
      id={id}
      label="Max length (optional)"
      hint={`The longest answer taken, in characters (at most ${MAX_TEXT.toLocaleString("en-US")}).${fallback ? ` Empty: ${fallback.toLocaleString("en-US")}.` : ""}`}
      placeholder={fallback ? String(fallback) : undefined}
      min={1}
      max={MAX_TEXT}
      integer
      value={field.maxLength}
      error={error}
      onChange={onChange}
    />
  );
}

/** "Not before today": stored as `notBefore: "today"`, absent when unticked. */
function NotBefore({ id, field, error, onChange }: SettingProps) {
  const ctx = useFormContext();
  return (
    <Checkbox
      id={id}
      label="Not before today"
      hint="Refuses days already past, e.g. for a kickoff or start date."
      error={error}
      checked={field.notBefore === "today"}
      disabled={ctx.disabled}
      onChange={(e) => onChange(e.currentTarget.checked ? "today" : undefined)}
    />
  );
}

/** The controls this module draws, by setting. */
export const FIELD_SETTINGS: Readonly<Record<string, (p: SettingProps) => JSX.Element>> = { maxLength: MaxLength, notBefore: NotBefore };
