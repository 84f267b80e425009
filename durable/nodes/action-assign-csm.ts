/**
 * `action.assign_csm`: pick a CSM from a pool (round robin, weighted, least loaded) honouring
 * capacity, out-of-office and sticky-by-domain; the choice itself is lib/assign.ts. Takes `none`
 * when nobody is eligible, so the workflow can fall back to a person.
 */
import { z } from "zod";
import { chooseCsm } from "../lib/assign";
import { NodeError, type NodeServices } from "../types";
import { defineNode } from "./define";
import { refId, retryShape } from "./schemas";

/** Config of `action.assign_csm` as in API.md "Node configs" (optional extras documented per field). */
export const config = z.object({
  poolId: refId.meta({ title: "Pool", "x-widget": "pool" }),
  strategy: z.enum(["round_robin", "weighted", "least_loaded"]).meta({ title: "Strategy" }),
  respectCapacity: z.boolean().optional().meta({ title: "Respect capacity", description: "Default on" }),
  skipOutOfOffice: z.boolean().optional().meta({ title: "Skip out of office", description: "Default on" }),
  stickyByDomain: z.boolean().optional().meta({ title: "Same CSM for the same domain" }),
  ...retryShape,
});

type Config = z.infer<typeof config>;

/**
 * Reads the pool and takes its turn. Two runs that read the pool at once must not both take the
 * same turn: the pointer is written only over the value read, and the loser reads and chooses again.
 */
async function takeTurn(cfg: Config, services: NodeServices, stickyUserId: string | null) {
  for (let round = 1; ; round++) {
    const pool = await services.pools.get(cfg.poolId);
    if (!pool) throw new NodeError(`Pool ${cfg.poolId} does not exist`, "pool_not_found", false);
    const pointer = await services.pools.getPointer(cfg.poolId);
    const choice = chooseCsm({
      members: pool.members,
      strategy: cfg.strategy,
      pointer,
      stickyUserId,
      respectCapacity: cfg.respectCapacity ?? true,
      skipOutOfOffice: cfg.skipOutOfOffice ?? true,
    });
    if (choice.pointer === pointer || (await services.pools.setPointer(cfg.poolId, pointer, choice.pointer))) return { pool, choice };
    if (round === 3) throw new NodeError("Other runs kept assigning from this pool while this one chose; trying again shortly", "pool_busy", true);
  }
}

/**
 * The CSM a person chose for this account (on the account page, or in an "Assign a CSM" task), if
 * still active: routing keeps them rather than taking a turn from the pool.
 */
async function handChosen(account: Record<string, unknown> | null, services: NodeServices) {
  if (account?.csmByHand !== true || typeof account.csmId !== "string") return null;
  const user = await services.users.get(account.csmId);
  return user?.active ? user : null;
}

/** The `action.assign_csm` node type. */
export default defineNode({
  type: "action.assign_csm",
  category: "action",
  label: "Assign CSM",
  description: "Picks a CSM from a pool by round robin, weight or load, and records why.",
  config,
  ports: ["out", "none"],
  async execute({ config: cfg, data, services }) {
    const account = data.account ?? null;
    const domain = (typeof account?.domain === "string" && account.domain) || data.deal?.company?.domain || null;
    const kept = await handChosen(account, services);
    if (kept) {
      const csm = { id: kept.id, name: kept.name, email: kept.email };
      const reason = `Kept ${kept.name}, whom a person chose for this account${typeof account?.csmReason === "string" ? ` (${account.csmReason.replace(/\.$/, "")})` : ""}`;
      return {
        kind: "next",
        port: "out",
        output: { poolId: cfg.poolId, strategy: cfg.strategy, reason, considered: [], csmId: csm.id, csmName: csm.name, csmEmail: csm.email, sticky: false, kept: true, accountUpdated: false },
        set: { csm },
      };
    }
    const stickyUserId = cfg.stickyByDomain && domain ? await services.accounts.csmForDomain(domain) : null;
    const { pool, choice } = await takeTurn(cfg, services, stickyUserId);
    const base = { poolId: pool.id, poolName: pool.name, strategy: cfg.strategy, reason: choice.reason, considered: choice.considered };
    const member = pool.members.find((m) => m.userId === choice.userId);
    if (!member) return { kind: "next", port: "none", output: { ...base, csmId: null } };

    const csm = { id: member.userId, name: member.name, email: member.email };
    const accountId = typeof account?.id === "string" ? account.id : null;
    if (accountId) await services.accounts.setCsm(accountId, member.userId, choice.reason);
    return {
      kind: "next",
      port: "out",
      output: { ...base, csmId: csm.id, csmName: csm.name, csmEmail: csm.email, sticky: stickyUserId === csm.id, accountUpdated: accountId !== null },
      set: { csm },
    };
  },
});
