/**
 * `action.send_email`: a templated e-mail. The body is Markdown; CRM values are escaped before the
 * Markdown turns into HTML (lib/email.ts), and a plain-text part goes along.
 */
import { z } from "zod";
import { renderEmail } from "../lib/email";
import { addressEntries, isEmailAddress } from "../lib/email-addresses";
import { render } from "../lib/template";
import { NodeError } from "../types";
import { defineNode } from "./define";
import { addressList, retryShape, template } from "./schemas";

/** Config of `action.send_email` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  to: addressList("To", { required: true }),
  cc: addressList("Cc").optional(),
  subject: template("Subject", 500, { required: true }),
  body: template("Body (Markdown)", undefined, { required: true }).meta({ "x-widget": "markdown-template" }),
  ...retryShape,
});

/** How much of the sent text a step's output keeps (the whole e-mail is in the outbox). */
const BODY_SHOWN = 4000;

/** Render an address list (comma or semicolon separated) and check every address. */
function addresses(tpl: string, data: unknown, what: string): { list: string; missing: string[] } {
  const { text, missing, errors } = render(tpl, data);
  if (errors.length) throw new NodeError(`${what}: ${errors.join("; ")}`, "template_error", false);
  const parts = addressEntries(text);
  const bad = parts.filter((p) => !isEmailAddress(p));
  if (parts.length === 0 || bad.length) {
    const hint = missing.length ? ` (no value at ${missing.join(", ")})` : "";
    throw new NodeError(`${what} "${text.trim()}" is not a valid e-mail address${hint}`, "invalid_recipient", false);
  }
  return { list: parts.join(", "), missing };
}

/** The `action.send_email` node type. */
export default defineNode({
  type: "action.send_email",
  category: "action",
  label: "Send e-mail",
  description: "Sends a templated e-mail (Markdown body) — in test runs only to the outbox.",
  config,
  ports: ["out"],
  async execute({ config: cfg, data, services }) {
    const to = addresses(cfg.to, data, "To");
    const cc = cfg.cc && cfg.cc.trim() ? addresses(cfg.cc, data, "Cc") : null;
    const email = renderEmail({ subject: cfg.subject, body: cfg.body }, data);
    if (email.errors.length) throw new NodeError(`E-mail template: ${email.errors.join("; ")}`, "template_error", false);
    const sent = await services.email.send({
      to: to.list,
      ...(cc ? { cc: cc.list } : {}),
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    const missing = [...new Set([...to.missing, ...(cc?.missing ?? []), ...email.missing])];
    return {
      kind: "next",
      port: "out",
      // The text as sent, so the test panel and the run page show what the recipient reads.
      output: { to: to.list, cc: cc?.list ?? null, subject: email.subject, text: email.text.length > BODY_SHOWN ? `${email.text.slice(0, BODY_SHOWN)}…` : email.text, messageId: sent.id, provider: sent.provider, providerMessageId: sent.providerMessageId, missing },
    };
  },
});
