/** Repeatable groups in generated forms. */
import { Button } from "../../components/button";
import type { JsonSchema } from "../../lib/api-types";
import { childPath, useFormContext } from "./context";
import { itemNoun, newListItem } from "./schema";
import { ObjectFields } from "./schema-form";

type Obj = Record<string, unknown>;

/** Repeatable groups (switch cases, form fields, class labels): add, remove and reorder. */
export function ObjectList({ name, label, schema, value, path, onChange, addLabel }: { name: string; label: string; schema: JsonSchema; value: unknown; path: string; onChange: (v: unknown) => void; addLabel?: string }) {
  const ctx = useFormContext();
  const items = (Array.isArray(value) ? value : []) as Obj[];
  const itemSchema = schema.items ?? {};
  const noun = itemNoun(name);
  const max = typeof schema.maxItems === "number" ? schema.maxItems : Infinity;
  const move = (i: number, d: number) => {
    const next = [...items];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    onChange(next);
  };
  return (
    <fieldset class="form-group">
      <legend class="form-group__legend">{label}</legend>
      {items.length === 0 ? <p class="form-group__empty">None yet.</p> : null}
      {items.map((item, i) => {
        const title = typeof item.label === "string" && item.label ? item.label : typeof item.id === "string" && item.id ? item.id : typeof item.key === "string" ? item.key : "";
        const heading = `${noun} ${i + 1}${title ? `: ${title}` : ""}`;
        return (
          <section class="list-item" key={i} aria-label={heading}>
            <header class="list-item__header">
              <span class="list-item__title">{heading}</span>
              <span class="list-item__actions">
                <Button variant="ghost" size="sm" aria-label={`Move ${noun.toLowerCase()} ${i + 1} up`} disabled={ctx.disabled || i === 0} onClick={() => move(i, -1)}>
                  ↑
                </Button>
                <Button variant="ghost" size="sm" aria-label={`Move ${noun.toLowerCase()} ${i + 1} down`} disabled={ctx.disabled || i === items.length - 1} onClick={() => move(i, 1)}>
                  ↓
                </Button>
                <Button variant="ghost" size="sm" icon="trash" aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`} disabled={ctx.disabled} onClick={() => onChange(items.filter((_, j) => j !== i))} />
              </span>
            </header>
            <ObjectFields schema={itemSchema} value={item} path={childPath(path, i)} onChange={(v) => onChange(items.map((x, j) => (j === i ? v : x)))} />
          </section>
        );
      })}
      {ctx.errors[path] ? <p class="field__error">{ctx.errors[path]}</p> : null}
      <div>
        <Button size="sm" icon="plus" disabled={ctx.disabled || items.length >= max} onClick={() => onChange([...items, newListItem(name, itemSchema, items)])}>
          {addLabel ?? `Add ${noun.toLowerCase()}`}
        </Button>
      </div>
    </fieldset>
  );
}
