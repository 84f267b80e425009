import { Select } from "../../components/field";
import type { JsonSchema } from "../../lib/api-types";
import { useFormContext } from "./context";
import { TemplatePicker } from "./pickers";
import { EMPTY_RULE } from "./schema";
import { ObjectList } from "./object-list";
import { ObjectFields } from "./schema-form";

type Obj = Record<string, unknown>;

/**
 * `action.apply_template` takes either a fixed template or rules with a default (API.md); the schema
 * alone would show all three fields at once, so the form asks which one first.
 */
export function ApplyTemplateForm({ schema, value, onChange }: { schema: JsonSchema; value: Obj; onChange: (v: Obj) => void }) {
  const ctx = useFormContext();
  const byRules = value.rules !== undefined || value.defaultTemplateId !== undefined;
  const retry = value.maxAttempts !== undefined ? { maxAttempts: value.maxAttempts } : {};
  const rulesSchema = schema.properties?.rules ?? {};
  return (
    <>
      <Select
        id={`${ctx.idPrefix}-mode`}
        label="Which template"
        options={[
          { value: "fixed", label: "Always the same template" },
          { value: "rules", label: "Chosen by rules" },
        ]}
        value={byRules ? "rules" : "fixed"}
        disabled={ctx.disabled}
        onChange={(e) =>
          onChange(
            e.currentTarget.value === "rules"
              ? { rules: [{ combine: "all", rules: [{ ...EMPTY_RULE }], templateId: typeof value.templateId === "string" ? value.templateId : "" }], defaultTemplateId: "", ...retry }
              : { templateId: typeof value.defaultTemplateId === "string" ? value.defaultTemplateId : "", ...retry },
          )
        }
      />
      {byRules ? (
        <>
          <ObjectList name="rules" label="Rules, first match wins" schema={rulesSchema} value={value.rules} path="rules" addLabel="Add template rule" onChange={(v) => onChange({ ...value, rules: v })} />
          <TemplatePicker
            id={`${ctx.idPrefix}-default`}
            label="Otherwise use"
            value={value.defaultTemplateId}
            error={ctx.errors.defaultTemplateId}
            onChange={(v) => onChange({ ...value, defaultTemplateId: v ?? "" })}
          />
        </>
      ) : (
        <TemplatePicker id={`${ctx.idPrefix}-template`} label="Template" value={value.templateId} error={ctx.errors.templateId} onChange={(v) => onChange({ ...value, templateId: v ?? "" })} />
      )}
      <ObjectFields schema={schema} value={value} path="" only={["maxAttempts"]} onChange={onChange} />
    </>
  );
}
