/**
 * The pure CSM choice behind `action.assign_csm`: given a pool's members and the pool's stored
 * pointer, pick one and explain who was considered and why. No I/O and no clock, so the same input
 * always gives the same answer (replays and test runs agree with live runs).
 *
 * Pointer meaning per strategy (one integer per pool, kept by the run object's services):
 * - round_robin: the member index where the next scan starts; becomes chosen index + 1.
 * - weighted: a counter of weighted picks; the pick is a golden-ratio (Kronecker) sequence over the
 *   cumulative weights, a low-discrepancy sequence whose counts stay within a pick or two of the
 *   weights for any number of consecutive picks — fairer than random and needs no extra state.
 * - least_loaded: like round_robin, used only to rotate among members tied on load.
 * Members are considered in the order given; callers must return pool members in a stable order.
 */
import type { PoolMemberView } from "../types";

/** How `action.assign_csm` picks among eligible members. */
export type AssignStrategy = "round_robin" | "weighted" | "least_loaded";

/** Everything the choice depends on; the caller loads it from the pool and the account. */
export interface ChooseCsmInput {
  members: readonly PoolMemberView[];
  strategy: AssignStrategy;
  /** The pool's stored pointer (see module doc); 0 for a fresh pool. */
  pointer: number;
  /** CSM already looking after another account on the same domain, when sticky routing is on. */
  stickyUserId?: string | null;
  /** Skip members whose active accounts reached their capacity. Default true. */
  respectCapacity?: boolean;
  /** Skip members marked out of office. Default true. */
  skipOutOfOffice?: boolean;
  /** Replaces the weighted sequence with another source of numbers in [0, 1) — e.g. a seeded PRNG. */
  random?: () => number;
}

/** One member as judged for this assignment, for the step log. */
export interface ConsideredMember {
  userId: string;
  name: string;
  eligible: boolean;
  reason: string;
}

/** The choice, the pointer to store, and the explanation. */
export interface ChooseCsmResult {
  userId: string | null;
  /** The pointer to store back; equal to the input when nothing should change. */
  pointer: number;
  considered: ConsideredMember[];
  /** One sentence for the step log and the account's assignment history. */
  reason: string;
}

/** 1/φ: consecutive multiples modulo 1 spread as evenly as any sequence can. */
const GOLDEN = 0.6180339887498949;

function loadText(m: PoolMemberView): string {
  return m.capacity === null ? `${m.activeAccounts} active accounts` : `${m.activeAccounts}/${m.capacity} active accounts`;
}

function judge(m: PoolMemberView, input: ChooseCsmInput): ConsideredMember {
  const base = { userId: m.userId, name: m.name };
  if (!m.active) return { ...base, eligible: false, reason: "inactive user" };
  if ((input.skipOutOfOffice ?? true) && m.outOfOffice) return { ...base, eligible: false, reason: "out of office" };
  if ((input.respectCapacity ?? true) && m.capacity !== null && m.activeAccounts >= m.capacity) {
    return { ...base, eligible: false, reason: `at capacity (${loadText(m)})` };
  }
  if (input.strategy === "weighted" && !(m.weight > 0)) return { ...base, eligible: false, reason: "weight is 0" };
  return { ...base, eligible: true, reason: `eligible, ${loadText(m)}` };
}

function safePointer(pointer: number): number {
  return Number.isFinite(pointer) && pointer >= 0 ? Math.floor(pointer) : 0;
}

/** Index of the first eligible member at or after `start`, wrapping around. */
function nextEligible(eligible: boolean[], start: number): number {
  const n = eligible.length;
  for (let step = 0; step < n; step++) {
    const i = (start + step) % n;
    if (eligible[i]) return i;
  }
  return -1;
}

function pickWeighted(members: readonly PoolMemberView[], eligible: boolean[], u: number): number {
  const total = members.reduce((sum, m, i) => sum + (eligible[i] ? m.weight : 0), 0);
  let target = Math.min(Math.max(u, 0), 1 - Number.EPSILON) * total;
  let last = -1;
  for (let i = 0; i < members.length; i++) {
    if (!eligible[i]) continue;
    last = i;
    if (target < members[i].weight) return i;
    target -= members[i].weight;
  }
  return last;
}

function pickLeastLoaded(members: readonly PoolMemberView[], eligible: boolean[], start: number): number {
  const n = members.length;
  let best = -1;
  for (let step = 0; step < n; step++) {
    const i = (start + step) % n;
    if (!eligible[i]) continue;
    if (best === -1) {
      best = i;
      continue;
    }
    const a = members[i];
    const b = members[best];
    // Lower load wins; on a tie the heavier weight; still tied, the earlier one in rotation order.
    if (a.activeAccounts < b.activeAccounts || (a.activeAccounts === b.activeAccounts && a.weight > b.weight)) best = i;
  }
  return best;
}

function summariseSkips(considered: ConsideredMember[]): string {
  const counts = new Map<string, number>();
  for (const c of considered) {
    if (c.eligible) continue;
    const key = c.reason.startsWith("at capacity") ? "at capacity" : c.reason;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => `${count} ${reason}`).join(", ");
}

/** Choose a CSM; see the module doc for the strategies. Never throws on well-typed input. */
export function chooseCsm(input: ChooseCsmInput): ChooseCsmResult {
  const members = input.members;
  const pointer = safePointer(input.pointer);
  const considered = members.map((m) => judge(m, input));
  const eligible = considered.map((c) => c.eligible);
  let prefix = "";

  if (input.stickyUserId) {
    const index = members.findIndex((m) => m.userId === input.stickyUserId);
    if (index >= 0 && eligible[index]) {
      considered[index] = { ...considered[index], reason: `sticky: already CSM of this domain, ${loadText(members[index])}` };
      return {
        userId: members[index].userId,
        pointer,
        considered,
        reason: `Sticky by domain: ${members[index].name} already looks after an account on this domain`,
      };
    }
    prefix =
      index >= 0
        ? `The domain's CSM ${members[index].name} is ${considered[index].reason}; `
        : `The domain's CSM (${input.stickyUserId}) is not in this pool; `;
  }

  if (members.length === 0) return { userId: null, pointer, considered, reason: `${prefix}The pool has no members` };
  if (!eligible.some(Boolean)) {
    return { userId: null, pointer, considered, reason: `${prefix}No eligible member (${summariseSkips(considered)})` };
  }

  const n = members.length;
  let chosen: number;
  let next: number;
  let how: string;
  if (input.strategy === "weighted") {
    const u = input.random ? input.random() : ((pointer + 1) * GOLDEN) % 1;
    chosen = pickWeighted(members, eligible, u);
    next = pointer + 1;
    const total = members.reduce((sum, m, i) => sum + (eligible[i] ? m.weight : 0), 0);
    how = `Weighted: ${members[chosen].name} has weight ${members[chosen].weight} of ${total} among eligible members`;
  } else if (input.strategy === "least_loaded") {
    chosen = pickLeastLoaded(members, eligible, pointer % n);
    next = (chosen + 1) % n;
    how = `Least loaded: ${members[chosen].name} has the fewest active accounts (${members[chosen].activeAccounts})`;
  } else {
    chosen = nextEligible(eligible, pointer % n);
    next = (chosen + 1) % n;
    how = `Round robin: ${members[chosen].name} is next in turn`;
  }
  considered[chosen] = { ...considered[chosen], reason: `chosen, ${loadText(members[chosen])}` };
  const skipped = summariseSkips(considered);
  return {
    userId: members[chosen].userId,
    pointer: next,
    considered,
    reason: `${prefix}${how}${skipped ? ` (skipped: ${skipped})` : ""}`,
  };
}
