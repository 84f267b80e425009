/**
 * `GET /api/accounts?csmId=inactive`: accounts whose CSM was deactivated. They keep that CSM (the
 * record of who had them; routing already replaces a deactivated one, hand-chosen or not) until an
 * admin hands them over; this filter finds them. Kept apart from the accounts list query on purpose.
 */
import { sql } from "drizzle-orm";
import { schema } from "../client";

export const INACTIVE_CSM = "inactive";

/** The condition: the account's CSM is a deactivated user. */
export function csmInactive() {
  const u = schema.users;
  return sql`${schema.accounts.csmId} IN (SELECT ${u.id} FROM ${u} WHERE ${u.active} = 0)`;
}
