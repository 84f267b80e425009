/**
 * `action.apply_template`: apply an onboarding template to the account — a fixed one, or the first
 * whose rules match (else the default) — with a plan dated in business days (weekdays less the
 * workspace's holidays) from today, or from the next business day.
 */
import { z } from "zod";
import { isoDay } from "../lib/dates";
import { buildPlan, planStartDay } from "../lib/plan";
import { evaluateRules, type RuleTrace } from "../lib/rules";
import { NodeError } from "../types";
import { defineNode } from "./define";
import { refId, retryShape, ruleGroup } from "./schemas";

const templateRef = refId.meta({ title: "Template", "x-widget": "template-picker" });

/** Config of `action.apply_template` as in API.md "Node configs" (optional extras documented per field). */
export const config = z
  .object({
    templateId: templateRef.optional(),
    rules: z.array(z.object({ ...ruleGroup, templateId: templateRef })).max(20).optional(),
    defaultTemplateId: templateRef.optional(),
    ...retryShape,
  })
  .superRefine((cfg, ctx) => {
    const byRules = cfg.rules !== undefined || cfg.defaultTemplateId !== undefined;
    if (cfg.templateId !== undefined && byRules) {
      ctx.addIssue({ code: "custom", path: ["templateId"], message: "Use either a fixed template or rules, not both" });
    } else if (cfg.templateId === undefined && !byRules) {
      ctx.addIssue({ code: "custom", path: ["templateId"], message: "Choose a template" });
    } else if (byRules && cfg.defaultTemplateId === undefined) {
      ctx.addIssue({ code: "custom", path: ["defaultTemplateId"], message: "Rules need a default template" });
    }
  });

type Config = z.infer<typeof config>;

/** Which template to apply and why. */
export function chooseTemplate(cfg: Config, data: unknown): { templateId: string; matched: number | "fixed" | "default"; checked: { result: boolean; trace: RuleTrace[] }[] } {
  if (cfg.templateId) return { templateId: cfg.templateId, matched: "fixed", checked: [] };
  const checked: { result: boolean; trace: RuleTrace[] }[] = [];
  for (const [i, rule] of (cfg.rules ?? []).entries()) {
    const evaluated = evaluateRules(rule.combine, rule.rules, data);
    checked.push(evaluated);
    if (evaluated.result) return { templateId: rule.templateId, matched: i, checked };
  }
  return { templateId: cfg.defaultTemplateId as string, matched: "default", checked };
}

/** The `action.apply_template` node type. */
export default defineNode({
  type: "action.apply_template",
  category: "action",
  label: "Apply onboarding template",
  description: "Applies a fixed template, or the first whose rules match, and dates the onboarding plan.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data, services }) {
    const accountId = typeof data.account?.id === "string" ? data.account.id : null;
    if (!accountId) throw new NodeError("There is no account yet: put Create account before this step", "no_account", false);
    const choice = chooseTemplate(cfg, data);
    const template = await services.templates.get(choice.templateId);
    if (!template) throw new NodeError(`Template ${choice.templateId} does not exist`, "template_not_found", false);
    // A run on a weekend day or a holiday starts the plan on the next business day.
    const holidays = await services.calendar.holidays();
    const startDate = planStartDay(isoDay(services.now), holidays);
    const plan = buildPlan(template, startDate, holidays);
    await services.accounts.applyTemplate(accountId, template, plan, startDate);
    const dueDates = plan.flatMap((m) => [m.dueAt, ...m.tasks.map((t) => t.dueAt)]).sort();
    return {
      kind: "next",
      port: "out",
      output: {
        templateId: template.id,
        templateName: template.name,
        matched: choice.matched,
        rules: choice.checked,
        startDate,
        milestones: plan.length,
        tasks: plan.reduce((n, m) => n + m.tasks.length, 0),
        lastDueAt: dueDates.at(-1) ?? null,
      },
      set: { "account.template": { id: template.id, name: template.name }, "account.startDate": startDate },
    };
  },
});
