/**
 * `human.handoff`: a form sent by single-use link to someone without an account (typically the AE,
 * `{{deal.owner.email}}`). The link expires after `expiresInHours` (default 72); expiry is the
 * task's timeout. Answers land in `steps.<id>.data` (and `saveAs`).
 */
import { z } from "zod";
import { isoTime } from "../lib/dates";
import { FieldListSchema, validateFormData } from "../lib/form";
import { render } from "../lib/template";
import { defineNode } from "./define";
import { completedBy, renderAddress } from "./human-common";
import { hours, path, template } from "./schemas";

/** How long a handoff link stays valid when the config does not say. */
export const DEFAULT_EXPIRY_HOURS = 72;

/** Config of `human.handoff` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  title: template("Title", 300, { required: true }),
  recipient: template("Recipient e-mail", 500, { required: true }),
  fields: FieldListSchema.min(1, "Add at least one field"),
  expiresInHours: hours("Link expires after (hours)").optional(),
  instructions: template("Instructions").optional(),
  saveAs: path("Also save answers at").optional(),
});

/** The `human.handoff` node type. */
export default defineNode({
  type: "human.handoff",
  category: "human",
  label: "Handoff form",
  description: "E-mails a single-use form link to someone outside the team (e.g. the deal owner) and waits.",
  config,
  ports: ["done", "timeout"],
  async execute({ config: cfg, data, services }) {
    const title = render(cfg.title, data);
    const instructions = cfg.instructions === undefined ? undefined : render(cfg.instructions, data);
    const recipient = renderAddress(cfg.recipient, data, "handoff recipient");
    const expiresAt = services.now + Math.round((cfg.expiresInHours ?? DEFAULT_EXPIRY_HOURS) * 3_600_000);
    const missing = [...new Set([...title.missing, ...(instructions?.missing ?? []), ...recipient.missing])];
    return {
      kind: "wait_task",
      task: {
        kind: "handoff",
        title: title.text.trim() || "Handoff form",
        assignee: { email: recipient.email },
        recipient: recipient.email,
        fields: cfg.fields,
        expiresAt,
        dueAt: expiresAt,
        ...(instructions ? { instructions: instructions.text } : {}),
      },
      output: { title: title.text, recipient: recipient.email, expiresAt: isoTime(expiresAt), missing },
    };
  },
  complete({ config: cfg, input, now }) {
    const result = validateFormData(cfg.fields, input.data, now);
    if (!result.ok) return { ok: false, errors: result.errors };
    return {
      ok: true,
      port: "done",
      output: { data: result.value, submittedBy: completedBy(input) },
      ...(cfg.saveAs ? { set: { [cfg.saveAs]: result.value } } : {}),
    };
  },
});
