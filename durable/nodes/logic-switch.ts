/** `logic.switch`: cases in order, the first whose rules hold wins; otherwise `default`. */
import { z } from "zod";
import { evaluateRules, type RuleTrace } from "../lib/rules";
import { defineNode } from "./define";
import { ruleGroup } from "./schemas";

/** Case ids become port names and edge `sourcePort`s, so they stay short identifiers. */
const caseId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Use letters, digits, _ and -");

/** Config of `logic.switch` as in API.md "Node configs" (optional extras documented per field). */
export const config = z
  .object({
    cases: z
      .array(z.object({ id: caseId, label: z.string().min(1).max(200), ...ruleGroup }))
      .min(1, "Add at least one case")
      .max(20),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.cases.forEach((c, i) => {
      if (c.id === "default") ctx.addIssue({ code: "custom", path: ["cases", i, "id"], message: '"default" is the fallback port; pick another id' });
      if (seen.has(c.id)) ctx.addIssue({ code: "custom", path: ["cases", i, "id"], message: `Duplicate case id "${c.id}"` });
      seen.add(c.id);
    });
  });

/** The `logic.switch` node type. */
export default defineNode({
  type: "logic.switch",
  category: "logic",
  label: "Switch",
  description: "Routes to the first case whose rules match, or to default when none does.",
  config,
  ports: (cfg) => [...cfg.cases.map((c) => c.id), "default"],
  dynamicPorts: { dynamic: true, from: "cases", fixed: ["default"] },
  async execute({ config: cfg, data }) {
    const checked: { caseId: string; label: string; result: boolean; trace: RuleTrace[] }[] = [];
    for (const c of cfg.cases) {
      const { result, trace } = evaluateRules(c.combine, c.rules, data);
      checked.push({ caseId: c.id, label: c.label, result, trace });
      if (result) return { kind: "next", port: c.id, output: { matched: c.id, label: c.label, cases: checked } };
    }
    return { kind: "next", port: "default", output: { matched: "default", label: "Default", cases: checked } };
  },
});
