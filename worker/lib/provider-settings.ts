/**
 * What the Settings page shows and does: the active AI and e-mail providers (host names and models,
 * never secrets), their estimated cost per run, and a real "send test" through each.
 */
import { and, count, countDistinct, eq, gte, isNotNull } from "drizzle-orm";
import { aiLabel, aiOptions, resolveAiConfig, type AiConfig } from "../../durable/ai/config";
import { createProvider } from "../../durable/ai/create";
import { redact } from "../../durable/ai/redact";
import { readAiChoice, readAiUsage, recordAiUsage } from "../../durable/ai/store";
import { emailOptions, resolveEmailConfig } from "../../durable/email/config";
import { sendEmail } from "../../durable/email/send";
import { readEmailChoice } from "../../durable/email/store";
import { parseAnswer } from "../../durable/nodes/ai-common";
import type { RunEnv } from "../../durable/env";
import { createDb, schema } from "../db/client";
import { newId } from "./crypto";
import { DAY, iso } from "./time";

const round = (n: number, digits = 6) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Cost of the active AI provider: per 1k tokens, and per run from what runs have used so far. */
async function aiCost(env: RunEnv, config: AiConfig) {
  const usage = await readAiUsage(env.DB, config.provider, config.model);
  const tokens = usage ? usage.inputTokens + usage.outputTokens : 0;
  const tokensPerRun = usage && usage.runs > 0 ? Math.round(tokens / usage.runs) : null;
  const price = config.pricePer1kTokens;
  const perRunUsd = config.provider === "builtin" ? 0 : price !== null && tokensPerRun !== null ? round((tokensPerRun / 1000) * price) : null;
  const note =
    config.provider === "builtin"
      ? "The built-in provider runs inside the app, with no per-token charge."
      : price === null
        ? "Unknown: set a price per 1,000 tokens (here or with AI_PRICE_PER_1K_TOKENS) to estimate it."
        : tokensPerRun === null
          ? "No run has used this provider yet; the estimate appears after the first one."
          : `Estimated from ${usage!.runs} run${usage!.runs === 1 ? "" : "s"} since ${usage!.since.slice(0, 10)}.`;
  return { free: config.provider === "builtin", pricePer1kTokensUsd: price, usage, tokensPerRun, perRunUsd, note };
}

/** E-mails kept and delivered in the last 30 days, and e-mails per live run. */
async function emailUsage(env: RunEnv, now: number) {
  const db = createDb(env.DB);
  const o = schema.outboxEmails;
  const since = iso(now - 30 * DAY);
  const [all] = await db.select({ n: count() }).from(o).where(gte(o.createdAt, since));
  const [delivered] = await db.select({ n: count() }).from(o).where(and(gte(o.createdAt, since), isNotNull(o.providerMessageId)));
  const [live] = await db.select({ n: count(), runs: countDistinct(o.runId) }).from(o).where(and(gte(o.createdAt, since), eq(o.mode, "live"), isNotNull(o.runId)));
  return { kept30d: all.n, delivered30d: delivered.n, emailsPerRun: live.runs > 0 ? round(live.n / live.runs, 2) : null };
}

/** The Settings page's data. */
export async function settingsView(env: RunEnv, now = Date.now()) {
  const ai = resolveAiConfig(env, await readAiChoice(env.DB));
  const email = resolveEmailConfig(env, await readEmailChoice(env.DB));
  const emailOpts = emailOptions(env);
  const usage = await emailUsage(env, now);
  return {
    ai: {
      active: { provider: ai.provider, label: aiLabel(ai.provider), model: ai.model, host: ai.host, timeoutMs: ai.timeoutMs, source: ai.source, note: ai.note },
      options: aiOptions(env),
      cost: await aiCost(env, ai),
    },
    email: {
      active: { provider: email.provider, label: emailOpts.find((o) => o.provider === email.provider)!.label, host: email.host, source: email.source, note: email.note },
      options: emailOpts,
      cost: {
        free: email.provider === "outbox",
        note: email.provider === "outbox" ? "E-mails stay in the app's outbox." : "Billed by your e-mail provider's plan; the app does not know its price.",
      },
      usage,
    },
  };
}

const TEST_LABELS = [
  { id: "greeting", description: "A friendly hello, welcome or thank-you message" },
  { id: "complaint", description: "A customer unhappy about a problem, a delay or a bug" },
];

/** One real classification through the active AI provider. Never throws. */
export async function testAi(env: RunEnv) {
  const config = resolveAiConfig(env, await readAiChoice(env.DB));
  const provider = createProvider(env, config);
  const started = Date.now();
  try {
    const answer = await provider.complete({
      task: "classify",
      prompt: `Classify the input into exactly one of these labels: ${TEST_LABELS.map((l) => l.id).join(", ")}. Answer as JSON {"label", "confidence" (0 to 1), "reason"}.`,
      input: "Hello and welcome aboard! Thank you for choosing us, we are glad to have you.",
      labels: TEST_LABELS,
    });
    const latencyMs = Date.now() - started;
    await recordAiUsage(env.DB, { provider: provider.id, model: provider.model, newRun: false, inputTokens: answer.tokens?.input ?? 0, outputTokens: answer.tokens?.output ?? 0, now: iso() }).catch(() => undefined);
    const parsed = parseAnswer(answer.output) as { label?: unknown; confidence?: unknown; reason?: unknown } | null;
    const label = typeof parsed?.label === "string" ? parsed.label : null;
    const ok = label !== null && TEST_LABELS.some((l) => l.id === label.trim().toLowerCase());
    return {
      ok,
      provider: provider.id,
      model: provider.model,
      latencyMs,
      tokens: answer.tokens ?? null,
      answer: redact(typeof answer.output === "string" ? answer.output : JSON.stringify(answer.output)).slice(0, 1000),
      detail: ok
        ? `${aiLabel(provider.id)} answered "${label}" in ${latencyMs} ms.`
        : `${aiLabel(provider.id)} answered, but not with one of the labels asked for (${TEST_LABELS.map((l) => l.id).join(", ")}).`,
    };
  } catch (error) {
    const e = error as { message?: string; code?: string };
    return { ok: false, provider: provider.id, model: provider.model, latencyMs: Date.now() - started, tokens: null, answer: null, code: e.code ?? "internal_error", detail: redact(e.message ?? String(error), env as unknown as Record<string, unknown>) };
  }
}

/** A real test e-mail through the active e-mail provider; it is also kept in the outbox. Never throws. */
export async function testEmail(env: RunEnv, to: string, by: string) {
  const config = resolveEmailConfig(env, await readEmailChoice(env.DB));
  const subject = "Test e-mail from Onboarding Workflows";
  const text = `This is a test e-mail sent by ${by} from the Settings page.\n\nIf you can read it, e-mail delivery works.`;
  const html = `<p>This is a test e-mail sent by ${by.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)} from the Settings page.</p><p>If you can read it, e-mail delivery works.</p>`;
  try {
    const sent = await sendEmail(env, { key: `settings-test:${newId()}`, runId: null, nodeId: "settings-test", mode: "live", now: Date.now() }, { to, subject, text, html });
    return {
      ok: true,
      provider: sent.provider,
      outboxId: sent.id,
      providerMessageId: sent.providerMessageId,
      detail: sent.providerMessageId ? `Delivered through ${config.host ?? "the e-mail API"} (message id ${sent.providerMessageId}).` : "Kept in the outbox: no e-mail provider delivers from this deployment.",
    };
  } catch (error) {
    const e = error as { message?: string; code?: string };
    return { ok: false, provider: config.provider, outboxId: null, providerMessageId: null, code: e.code ?? "internal_error", detail: redact(e.message ?? String(error), env as unknown as Record<string, unknown>) };
  }
}
