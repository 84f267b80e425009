import { useEffect, useRef, useState } from "preact/hooks";
import { Button } from "../../components/button";
import { Input } from "../../components/field";
import { childPath, useFormContext } from "./context";
import { PathInput, TemplateInput } from "./text-fields";

type Row = { key: string; value: string };

const toRows = (v: unknown): Row[] =>
  v && typeof v === "object" && !Array.isArray(v) ? Object.entries(v as Record<string, unknown>).map(([key, value]) => ({ key, value: String(value ?? "") })) : [];

const toObject = (rows: Row[]) => Object.fromEntries(rows.filter((r) => r.key.trim() !== "").map((r) => [r.key.trim(), r.value]));

/**
 * `{name: template}` pairs: CRM fields to write back (`update_crm`), or run-data paths to set
 * (`set_data`). Rows are kept while a name is still being typed, so a half-written row never vanishes.
 */
export function MapField({ id, label, value, onChange, path, keyIsPath }: { id: string; label: string; value: unknown; onChange: (v: Record<string, string>) => void; path: string; keyIsPath: boolean }) {
  const ctx = useFormContext();
  const [rows, setRows] = useState<Row[]>(() => toRows(value));
  const emitted = useRef(JSON.stringify(toObject(rows)));
  useEffect(() => {
    const incoming = JSON.stringify(value ?? {});
    if (incoming !== emitted.current) {
      emitted.current = incoming;
      setRows(toRows(value));
    }
  }, [JSON.stringify(value ?? {})]);

  const update = (next: Row[]) => {
    setRows(next);
    const obj = toObject(next);
    emitted.current = JSON.stringify(obj);
    onChange(obj);
  };
  const keyLabel = keyIsPath ? "Data path" : "CRM field";
  return (
    <fieldset class="form-group">
      <legend class="form-group__legend">{label}</legend>
      {rows.length ? (
        <div class="map-rows" role="list">
          {rows.map((row, i) => {
            const n = i + 1;
            const set = (patch: Partial<Row>) => update(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            const err = ctx.errors[childPath(path, row.key)];
            return (
              <div class="map-row" role="listitem" key={i}>
                {keyIsPath ? (
                  <PathInput id={`${id}-${i}-key`} label={`${keyLabel} ${n}`} value={row.key} onChange={(v) => set({ key: v ?? "" })} />
                ) : (
                  <Input id={`${id}-${i}-key`} label={`${keyLabel} ${n}`} value={row.key} disabled={ctx.disabled} onInput={(e) => set({ key: e.currentTarget.value })} />
                )}
                <TemplateInput id={`${id}-${i}-value`} label={`Value ${n}`} value={row.value} error={err} onChange={(v) => set({ value: v ?? "" })} />
                <Button variant="ghost" size="sm" icon="trash" aria-label={`Remove ${keyLabel.toLowerCase()} ${n}`} disabled={ctx.disabled} onClick={() => update(rows.filter((_, j) => j !== i))} />
              </div>
            );
          })}
        </div>
      ) : (
        <p class="form-group__empty">Nothing yet.</p>
      )}
      {ctx.errors[path] ? <p class="field__error">{ctx.errors[path]}</p> : null}
      <div>
        <Button size="sm" icon="plus" disabled={ctx.disabled} onClick={() => setRows([...rows, { key: "", value: "" }])}>
          Add {keyLabel.toLowerCase()}
        </Button>
      </div>
    </fieldset>
  );
}
