/**
 * Config building blocks shared by node types (API.md "Node configs"). The `x-widget` metadata
 * flows into the JSON Schema of `GET /api/node-types`, telling the builder's inspector which input
 * to render (template editor, path picker, rule list…).
 */
import { z } from "zod";
import { addressListProblem } from "../lib/email-addresses";
import { isSafePath } from "../lib/path";
import { RULE_OPS } from "../lib/rules";
import { checkTemplate } from "../lib/template";

/** An opaque id of another record (connector, pool, template, user). */
export const refId = z.string().min(1).max(200);

/**
 * Text with `{{path}}` interpolation; syntax errors are reported at validation time. `required`
 * text may not be blank: an e-mail with no subject or a task with no title must not publish.
 * `check` says what else is wrong with well-formed text (null when nothing).
 */
export function template(title: string, max = 20_000, { required = false, check }: { required?: boolean; check?: (value: string) => string | null } = {}) {
  return z
    .string()
    .max(max)
    .superRefine((value, ctx) => {
      if (required && value.trim() === "") ctx.addIssue({ code: "custom", message: `${title} is required` });
      const syntax = checkTemplate(value);
      for (const message of syntax) ctx.addIssue({ code: "custom", message: `Template: ${message}` });
      const problem = syntax.length === 0 ? check?.(value) : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .meta({ title, "x-widget": "template" });
}

/** A list of e-mail recipients (template): each literal entry must be an address (lib/email-addresses.ts). */
export const addressList = (title: string, { required = false } = {}) => template(title, 1000, { required, check: addressListProblem });

/** A dotted path into run data (`deal.company.name`). */
export function path(title: string) {
  return z
    .string()
    .min(1)
    .max(300)
    .refine(isSafePath, { message: "Not a usable path (use dotted names like deal.company.name)" })
    .meta({ title, "x-widget": "path" });
}

const ruleValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);

/** `{field, op, value?}`; every operator but exists/not_exists needs a value. */
export const RuleSchema = z
  .object({
    field: path("Field"),
    op: z.enum(RULE_OPS),
    value: ruleValue.optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.op !== "exists" && rule.op !== "not_exists" && rule.value === undefined) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `"${rule.op}" needs a value` });
    }
  })
  .meta({ "x-widget": "rule" });

/** all / any. */
export const CombineSchema = z.enum(["all", "any"]).meta({ title: "Match" });

/** A non-empty rule list combined with all/any — a condition, a switch case, a template rule. */
export const ruleGroup = {
  combine: CombineSchema,
  rules: z.array(RuleSchema).min(1, "Add at least one rule").max(50),
};

/** Who a human task goes to: a user, a pool's members, or an e-mail address (template). */
export const AssigneeSchema = z
  .union(
    [
      z.strictObject({ userId: refId }),
      z.strictObject({ poolId: refId }),
      z.strictObject({ email: template("E-mail", 500) }),
    ],
    // zod's own "Invalid input" names neither the field nor the choices; say both, as the panel labels them.
    { error: (issue) => (issue.input === undefined ? "Assignee is required" : "Choose the assignee: a person, a pool or an e-mail address") },
  )
  .meta({ title: "Assignee", "x-widget": "assignee" });

/** Hours from when the task opens; fractions allowed (0.5 = 30 minutes), at most a year. */
export const hours = (title: string) => z.number().positive().max(24 * 365).meta({ title });

/** Retry attempts for nodes that call the outside world (action and ai nodes). Default 5. */
export const retryShape = {
  maxAttempts: z.number().int().min(1).max(10).optional().meta({ title: "Attempts", description: "Tries before the step fails (default 5)" }),
};

/** Attempts for action and ai nodes when the config does not say. */
export const DEFAULT_MAX_ATTEMPTS = 5;
