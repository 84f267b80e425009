/**
 * The AI rows of the D1 `settings` table: the admin's provider choice (`ai_provider`) and usage
 * counters per provider and model (`ai_usage:<provider>:<model>`), from which the Settings page
 * estimates the cost per run. Counters are updated with one atomic upsert, so concurrent runs
 * never lose an increment.
 */
import { eq } from "drizzle-orm";
import { createDb, schema } from "../../worker/db/client";
import { saveSetting } from "../../worker/db/queries/settings";
import { AiChoice } from "./config";

export const AI_CHOICE_KEY = "ai_provider";
const usageKey = (provider: string, model: string) => `ai_usage:${provider}:${model}`;

/** The saved choice, or null when none (or when the row no longer parses). */
export async function readAiChoice(d1: D1Database): Promise<AiChoice | null> {
  const row = await createDb(d1).select().from(schema.settings).where(eq(schema.settings.key, AI_CHOICE_KEY)).get();
  const parsed = AiChoice.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

/** Save the admin's choice. */
export async function saveAiChoice(d1: D1Database, choice: AiChoice, now: string): Promise<void> {
  await saveSetting(d1, AI_CHOICE_KEY, choice, now);
}

/** Usage of one provider and model since `since`. */
export interface AiUsage {
  since: string;
  calls: number;
  runs: number;
  inputTokens: number;
  outputTokens: number;
}

/** Count one call (and one run when it is the run's first AI call). */
export async function recordAiUsage(d1: D1Database, u: { provider: string; model: string; newRun: boolean; inputTokens: number; outputTokens: number; now: string }) {
  await d1
    .prepare(
      `INSERT INTO settings (key, value, updated_at)
       VALUES (?1, json_object('since', ?2, 'calls', 1, 'runs', ?3, 'inputTokens', ?4, 'outputTokens', ?5), ?2)
       ON CONFLICT(key) DO UPDATE SET
         value = json_object(
           'since', json_extract(settings.value, '$.since'),
           'calls', json_extract(settings.value, '$.calls') + 1,
           'runs', json_extract(settings.value, '$.runs') + ?3,
           'inputTokens', json_extract(settings.value, '$.inputTokens') + ?4,
           'outputTokens', json_extract(settings.value, '$.outputTokens') + ?5),
         updated_at = ?2`,
    )
    .bind(usageKey(u.provider, u.model), u.now, u.newRun ? 1 : 0, u.inputTokens, u.outputTokens)
    .run();
}

/** Usage counters of one provider and model, or null before its first call. */
export async function readAiUsage(d1: D1Database, provider: string, model: string): Promise<AiUsage | null> {
  const row = await createDb(d1).select().from(schema.settings).where(eq(schema.settings.key, usageKey(provider, model))).get();
  return (row?.value as AiUsage | undefined) ?? null;
}
