import type { Pool, PoolInput } from "../../lib/api-types";

/** One member row as the form holds it: numbers stay strings until saved. */
export interface MemberDraft {
  /** Local row key (rows can be added and removed before saving). */
  key: number;
  userId: string;
  weight: string;
  /** Empty = unlimited. */
  capacity: string;
}

export interface PoolDraft {
  name: string;
  members: MemberDraft[];
}

/** Errors keyed like the API's validation paths: `name`, `members`, `members.2.weight`. */
export type PoolErrors = Record<string, string>;

let rowKey = 1;
export const newMemberRow = (userId = ""): MemberDraft => ({ key: rowKey++, userId, weight: "1", capacity: "" });

export function draftFromPool(pool: Pool | null): PoolDraft {
  if (!pool) return { name: "", members: [] };
  return {
    name: pool.name,
    members: pool.members.map((m) => ({
      key: rowKey++,
      userId: m.userId,
      weight: String(m.weight),
      capacity: m.capacity === null || m.capacity === undefined ? "" : String(m.capacity),
    })),
  };
}

/** The server's limits (worker/routes/pools.ts). */
export const MAX_WEIGHT = 1000;
export const MAX_CAPACITY = 100000;

const isWholeNumber = (s: string) => /^\d+$/.test(s.trim());

/** Client-side checks mirroring the server's, so most mistakes show before a round trip. */
export function validatePool(draft: PoolDraft): PoolErrors {
  const errors: PoolErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = "Give the pool a name.";
  else if (name.length > 120) errors.name = "Keep the name to 120 characters or fewer.";

  const seen = new Set<string>();
  draft.members.forEach((m, i) => {
    if (!m.userId) errors[`members.${i}.userId`] = "Choose a user.";
    else if (seen.has(m.userId)) errors[`members.${i}.userId`] = "This user is already in the pool.";
    seen.add(m.userId);
    if (!isWholeNumber(m.weight) || Number(m.weight) < 1 || Number(m.weight) > MAX_WEIGHT) {
      errors[`members.${i}.weight`] = `A whole number from 1 to ${MAX_WEIGHT}.`;
    }
    if (m.capacity.trim() !== "" && (!isWholeNumber(m.capacity) || Number(m.capacity) > MAX_CAPACITY)) {
      errors[`members.${i}.capacity`] = "A whole number, or empty for unlimited.";
    }
  });
  return errors;
}

/** The request body for `POST /api/pools` and `PUT /api/pools/:id`; call after `validatePool` passes. */
export function toPoolInput(draft: PoolDraft): PoolInput {
  return {
    name: draft.name.trim(),
    members: draft.members.map((m) => ({
      userId: m.userId,
      weight: Number(m.weight),
      capacity: m.capacity.trim() === "" ? null : Number(m.capacity),
    })),
  };
}
