import { createRoute, z } from "@hono/zod-openapi";
import { HolidayList, readHolidays, saveHolidays } from "../../durable/holidays";
import { AiChoice, aiOptions } from "../../durable/ai/config";
import { saveAiChoice } from "../../durable/ai/store";
import { EmailChoice, emailOptions } from "../../durable/email/config";
import { saveEmailChoice } from "../../durable/email/store";
import { AppError } from "../errors";
import { createRouter, jsonBody, jsonResponses } from "../lib/openapi";
import { settingsView, testAi, testEmail } from "../lib/provider-settings";
import { iso } from "../lib/time";
import { requireAdmin } from "../middleware/auth";

const ProviderOption = z.object({ provider: z.string(), label: z.string(), configured: z.boolean(), model: z.string().optional(), host: z.string().nullable(), missing: z.string().nullable() });
const Source = z.enum(["settings", "env", "default"]);
const Settings = z
  .object({
    ai: z.object({
      active: z.object({ provider: z.string(), label: z.string(), model: z.string(), host: z.string().nullable(), timeoutMs: z.number(), source: Source, note: z.string().nullable() }),
      options: z.array(ProviderOption),
      cost: z.object({
        free: z.boolean(),
        pricePer1kTokensUsd: z.number().nullable(),
        usage: z.object({ since: z.string(), calls: z.number(), runs: z.number(), inputTokens: z.number(), outputTokens: z.number() }).nullable(),
        tokensPerRun: z.number().nullable(),
        perRunUsd: z.number().nullable(),
        note: z.string(),
      }),
    }),
    email: z.object({
      active: z.object({ provider: z.string(), label: z.string(), host: z.string().nullable(), source: Source, note: z.string().nullable() }),
      options: z.array(ProviderOption),
      cost: z.object({ free: z.boolean(), note: z.string() }),
      usage: z.object({ kept30d: z.number(), delivered30d: z.number(), emailsPerRun: z.number().nullable() }),
    }),
  })
  .openapi("Settings");

const AiTestResult = z.object({
  ok: z.boolean(),
  provider: z.string(),
  model: z.string(),
  latencyMs: z.number(),
  tokens: z.object({ input: z.number().optional(), output: z.number().optional() }).nullable(),
  answer: z.string().nullable(),
  code: z.string().optional(),
  detail: z.string(),
});
const EmailTestResult = z.object({ ok: z.boolean(), provider: z.string(), outboxId: z.string().nullable(), providerMessageId: z.string().nullable(), code: z.string().optional(), detail: z.string() });

const Holidays = z.object({ days: z.array(z.string()) }).openapi("Holidays");

const router = createRouter();
router.use("*", requireAdmin);

/** Refuse (422) a choice of a provider this deployment has not configured. */
function requireConfigured(options: { provider: string; configured: boolean; missing: string | null }[], provider: string) {
  const option = options.find((o) => o.provider === provider);
  if (!option?.configured) {
    throw new AppError(422, "validation_failed", "That provider is not configured on this deployment.", [{ path: "provider", message: `Needs ${option?.missing ?? "configuration"}.` }]);
  }
}

/**
 * Settings (admins): which AI and e-mail providers are active and what they cost per run; choose
 * among the configured ones; send a real test through each. Secrets never leave the server.
 */
export const settingsRoutes = router
  .openapi(createRoute({ method: "get", path: "/", responses: jsonResponses(200, Settings) }), async (c) => c.json(await settingsView(c.env), 200))
  .openapi(createRoute({ method: "put", path: "/ai", request: { body: jsonBody(AiChoice) }, responses: jsonResponses(200, Settings) }), async (c) => {
    const choice = c.req.valid("json");
    requireConfigured(aiOptions(c.env), choice.provider);
    await saveAiChoice(c.env.DB, choice, iso());
    return c.json(await settingsView(c.env), 200);
  })
  .openapi(createRoute({ method: "put", path: "/email", request: { body: jsonBody(EmailChoice) }, responses: jsonResponses(200, Settings) }), async (c) => {
    const choice = c.req.valid("json");
    requireConfigured(emailOptions(c.env), choice.provider);
    await saveEmailChoice(c.env.DB, choice, iso());
    return c.json(await settingsView(c.env), 200);
  })
  .openapi(createRoute({ method: "get", path: "/holidays", summary: "The workspace's holidays, which onboarding plans skip like weekends", responses: jsonResponses(200, Holidays) }), async (c) =>
    c.json({ days: await readHolidays(c.env.DB) }, 200),
  )
  .openapi(
    createRoute({ method: "put", path: "/holidays", summary: "Replace the workspace's holidays (plans applied from now on skip them)", request: { body: jsonBody(HolidayList) }, responses: jsonResponses(200, Holidays) }),
    async (c) => c.json({ days: await saveHolidays(c.env.DB, c.req.valid("json").days, iso()) }, 200),
  )
  .openapi(createRoute({ method: "post", path: "/ai/test", responses: jsonResponses(200, AiTestResult) }), async (c) => c.json(await testAi(c.env), 200))
  .openapi(
    createRoute({ method: "post", path: "/email/test", request: { body: jsonBody(z.object({ to: z.email().max(320) })) }, responses: jsonResponses(200, EmailTestResult) }),
    async (c) => c.json(await testEmail(c.env, c.req.valid("json").to, c.get("user").email), 200),
  );
