/** The admin's e-mail provider choice: the `email_provider` row of the D1 `settings` table. */
import { eq } from "drizzle-orm";
import { createDb, schema } from "../../worker/db/client";
import { saveSetting } from "../../worker/db/queries/settings";
import { EmailChoice } from "./config";

export const EMAIL_CHOICE_KEY = "email_provider";

/** The saved choice, or null when none (or when the row no longer parses). */
export async function readEmailChoice(d1: D1Database): Promise<EmailChoice | null> {
  const row = await createDb(d1).select().from(schema.settings).where(eq(schema.settings.key, EMAIL_CHOICE_KEY)).get();
  const parsed = EmailChoice.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

/** Save the admin's choice. */
export async function saveEmailChoice(d1: D1Database, choice: EmailChoice, now: string): Promise<void> {
  await saveSetting(d1, EMAIL_CHOICE_KEY, choice, now);
}
