import { Button } from "../../components/button";
import { Input, Select } from "../../components/field";
import { childPath, useDraftText, useFormContext } from "./context";
import { EMPTY_RULE, formatRuleValue, OPERATORS, parseRuleValue, withKey } from "./schema";
import { PathInput } from "./text-fields";

type Rule = { field?: string; op?: string; value?: unknown };

function RuleValue({ id, label, rule, onChange, error }: { id: string; label: string; rule: Rule; onChange: (v: unknown) => void; error?: string }) {
  const ctx = useFormContext();
  const op = rule.op ?? "eq";
  const [text, setText] = useDraftText(rule.value, formatRuleValue, (t) => parseRuleValue(op, t));
  return (
    <Input
      id={id}
      label={label}
      hideLabel
      value={text}
      error={error}
      placeholder={op === "in" || op === "not_in" ? "a, b, c" : "Value"}
      disabled={ctx.disabled}
      onInput={(e) => onChange(setText(e.currentTarget.value))}
    />
  );
}

/**
 * A list of `{field, op, value}` rules: a row each, the field from the run-data paths, the operator
 * in words, and a value typed as text (numbers and lists are recognised).
 */
export function RuleList({ id, label, value, onChange, path }: { id: string; label: string; value: unknown; onChange: (v: Rule[]) => void; path: string }) {
  const ctx = useFormContext();
  const rules = (Array.isArray(value) ? value : []) as Rule[];
  const set = (i: number, rule: Rule) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  const listError = ctx.errors[path];
  return (
    <fieldset class="form-group">
      <legend class="form-group__legend">{label}</legend>
      {rules.length ? (
        <div class="rule-rows" role="list">
          {rules.map((rule, i) => {
            const p = childPath(path, i);
            const n = i + 1;
            const noValue = rule.op === "exists" || rule.op === "not_exists";
            return (
              <div class="rule-row" role="listitem" key={i}>
                <PathInput id={`${id}-${i}-field`} label={`Field of rule ${n}`} hideLabel value={rule.field} error={ctx.errors[childPath(p, "field")]} onChange={(v) => set(i, { ...rule, field: v ?? "" })} />
                <Select
                  id={`${id}-${i}-op`}
                  label={`Operator of rule ${n}`}
                  hideLabel
                  options={OPERATORS}
                  value={rule.op ?? "eq"}
                  error={ctx.errors[childPath(p, "op")]}
                  disabled={ctx.disabled}
                  onChange={(e) => {
                    const op = e.currentTarget.value;
                    const v = parseRuleValue(op, formatRuleValue(rule.value));
                    set(i, withKey({ ...rule, op }, "value", v));
                  }}
                />
                {noValue ? (
                  <span class="rule-row__novalue" aria-hidden="true" />
                ) : (
                  <RuleValue id={`${id}-${i}-value`} label={`Value of rule ${n}`} rule={rule} error={ctx.errors[childPath(p, "value")]} onChange={(v) => set(i, withKey(rule, "value", v))} />
                )}
                <Button
                  variant="ghost"
                  size="sm"
                  icon="trash"
                  aria-label={`Remove rule ${n}`}
                  disabled={ctx.disabled}
                  onClick={() => onChange(rules.filter((_, j) => j !== i))}
                />
              </div>
            );
          })}
        </div>
      ) : (
        <p class="form-group__empty">No rules yet.</p>
      )}
      {listError ? <p class="field__error">{listError}</p> : null}
      <div>
        <Button size="sm" icon="plus" disabled={ctx.disabled} onClick={() => onChange([...rules, { ...EMPTY_RULE }])}>
          Add rule
        </Button>
      </div>
    </fieldset>
  );
}
