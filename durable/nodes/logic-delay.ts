/**
 * `logic.delay`: wait a number of minutes, or until a date found in run data. The engine parks the
 * run on a timer (which survives restarts); a date already past continues at once.
 */
import { z } from "zod";
import { isoTime, parseDate } from "../lib/dates";
import { getPath } from "../lib/path";
import { NodeError } from "../types";
import { defineNode } from "./define";
import { path } from "./schemas";

/** Config of `logic.delay` as in API.md "Node configs" (optional extras documented per field). */
export const config = z
  .object({
    minutes: z.number().positive().max(60 * 24 * 366).optional().meta({ title: "Minutes" }),
    until: path("Until (date field)").optional(),
  })
  .superRefine((cfg, ctx) => {
    if ((cfg.minutes === undefined) === (cfg.until === undefined)) {
      ctx.addIssue({ code: "custom", path: ["minutes"], message: "Set either minutes or until, not both" });
    }
  });

/** The `logic.delay` node type. */
export default defineNode({
  type: "logic.delay",
  category: "logic",
  label: "Delay",
  description: "Waits a number of minutes, or until a date from the run's data.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data, services }) {
    let until: number;
    if (cfg.minutes !== undefined) {
      until = services.now + Math.round(cfg.minutes * 60_000);
    } else {
      const value = getPath(data, cfg.until as string);
      const parsed = parseDate(value);
      if (parsed === null) {
        throw new NodeError(`"${cfg.until}" does not hold a date (found ${JSON.stringify(value) ?? "nothing"})`, "invalid_date", false);
      }
      until = parsed;
    }
    const output = { until: isoTime(until), waitedFor: cfg.minutes !== undefined ? `${cfg.minutes} minutes` : cfg.until };
    if (until <= services.now) return { kind: "next", port: "out", output: { ...output, alreadyPast: true } };
    return { kind: "wait_timer", until, port: "out", output };
  },
});
