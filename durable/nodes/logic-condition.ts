/** `logic.condition`: if/else over rules; the output keeps the rule trace to show why. */
import { z } from "zod";
import { evaluateRules } from "../lib/rules";
import { defineNode } from "./define";
import { ruleGroup } from "./schemas";

/** Config of `logic.condition` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object(ruleGroup);

/** The `logic.condition` node type. */
export default defineNode({
  type: "logic.condition",
  category: "logic",
  label: "Condition",
  description: "Takes the true or false branch depending on rules over the run's data (all or any).",
  config,
  ports: ["true", "false"],
  async execute({ config: cfg, data }) {
    const { result, trace } = evaluateRules(cfg.combine, cfg.rules, data);
    return { kind: "next", port: result ? "true" : "false", output: { result, combine: cfg.combine, trace } };
  },
});
