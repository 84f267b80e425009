import { describe, expect, it } from "vitest";
import { expectKind, runNode } from "../helpers/run-node";
import { member, sampleDeal } from "../helpers/sample-data";
import { createFakeServices } from "../helpers/fake-services";

const pool = { id: "general", name: "General pool", members: [member("ana"), member("ben", { outOfOffice: true }), member("cy", { capacity: 2, activeAccounts: 2 }), member("dee")] };
const data = { deal: sampleDeal(), account: { id: "acct-1", domain: "brightline.example.com" } };

describe("action.assign_csm", () => {
  it("assigns by round robin, advances the pointer, records the CSM on the account and in csm", async () => {
    const { outcome, fake } = await runNode("action.assign_csm", { poolId: "general", strategy: "round_robin" }, data, { pools: { general: pool }, pointers: { general: 1 } });
    const next = expectKind(outcome, "next");
    expect(next.port).toBe("out");
    expect(next.set).toEqual({ csm: { id: "dee", name: "Dee", email: "dee@example.com" } });
    expect(fake.calls.pointerSets).toEqual([{ poolId: "general", value: 0 }]);
    expect(fake.calls.setCsm).toEqual([{ accountId: "acct-1", userId: "dee", reason: next.output.reason }]);
    expect(next.output).toMatchObject({ csmId: "dee", poolName: "General pool", strategy: "round_robin", sticky: false, accountUpdated: true });
    expect(next.output.considered).toEqual([
      { userId: "ana", name: "Ana", eligible: true, reason: "eligible, 0 active accounts" },
      { userId: "ben", name: "Ben", eligible: false, reason: "out of office" },
      { userId: "cy", name: "Cy", eligible: false, reason: "at capacity (2/2 active accounts)" },
      { userId: "dee", name: "Dee", eligible: true, reason: "chosen, 0 active accounts" },
    ]);
  });

  it("keeps the domain's CSM when sticky", async () => {
    const { outcome, fake } = await runNode("action.assign_csm", { poolId: "general", strategy: "round_robin", stickyByDomain: true }, data, {
      pools: { general: pool },
      domainCsm: { "brightline.example.com": "ana" },
      pointers: { general: 3 },
    });
    expect(expectKind(outcome, "next").output).toMatchObject({ csmId: "ana", sticky: true });
    expect(fake.calls.pointerSets).toEqual([]);
  });

  it("takes none when nobody is eligible, explaining why", async () => {
    const busy = { ...pool, members: [member("ben", { outOfOffice: true }), member("cy", { capacity: 1, activeAccounts: 1 })] };
    const { outcome, fake } = await runNode("action.assign_csm", { poolId: "general", strategy: "least_loaded" }, data, { pools: { general: busy } });
    const next = expectKind(outcome, "next");
    expect(next.port).toBe("none");
    expect(next.set).toBeUndefined();
    expect(next.output).toMatchObject({ csmId: null, reason: "No eligible member (1 out of office, 1 at capacity)" });
    expect(fake.calls.setCsm).toEqual([]);
  });

  it("sets csm without touching an account when there is none yet", async () => {
    const { outcome, fake } = await runNode("action.assign_csm", { poolId: "general", strategy: "weighted" }, { deal: sampleDeal() }, { pools: { general: pool } });
    expect(expectKind(outcome, "next").output).toMatchObject({ accountUpdated: false });
    expect(fake.calls.setCsm).toEqual([]);
  });

  it("fails without retries for an unknown pool", async () => {
    const { outcome } = await runNode("action.assign_csm", { poolId: "nope", strategy: "weighted" }, data);
    expect(outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "pool_not_found" } });
  });

  it("chooses again from a fresh read when another run took the turn meanwhile", async () => {
    const fake = createFakeServices({ pools: { general: pool }, pointers: { general: 0 } });
    // The first read sees pointer 0; another run then takes Ana's turn before this one writes.
    const read = fake.services.pools.getPointer;
    let reads = 0;
    fake.services.pools.getPointer = async (id) => {
      const p = await read(id);
      if (++reads === 1) fake.world.pointers[id] = 1;
      return p;
    };
    const { outcome } = await runNode("action.assign_csm", { poolId: "general", strategy: "round_robin" }, data, {}, fake);
    expect(expectKind(outcome, "next").output).toMatchObject({ csmId: "dee" });
    expect(reads).toBe(2);
    expect(fake.calls.pointerSets).toEqual([{ poolId: "general", value: 0 }]);
  });

  it("gives up for now, to retry shortly, when other runs keep taking the turn", async () => {
    const fake = createFakeServices({ pools: { general: pool } });
    fake.services.pools.setPointer = async () => false;
    const { outcome } = await runNode("action.assign_csm", { poolId: "general", strategy: "round_robin" }, data, {}, fake);
    expect(outcome).toMatchObject({ kind: "fail", retryable: true, error: { code: "pool_busy" } });
  });

  it("keeps a CSM a person chose for the account, without taking the pool's turn, unless they were deactivated", async () => {
    const byHand = { ...data, account: { ...data.account, csmId: "zed", csmByHand: true, csmReason: "Changed by Ada Admin" } };
    const zed = { id: "zed", name: "Zed Chosen", email: "zed@example.com" };
    const { outcome, fake } = await runNode("action.assign_csm", { poolId: "general", strategy: "round_robin" }, byHand, { pools: { general: pool }, users: { zed } });
    const next = expectKind(outcome, "next");
    expect(next.set).toEqual({ csm: zed });
    expect(next.output).toMatchObject({ csmId: "zed", kept: true, accountUpdated: false, reason: "Kept Zed Chosen, whom a person chose for this account (Changed by Ada Admin)" });
    expect(fake.calls.pointerSets).toEqual([]);
    expect(fake.calls.setCsm).toEqual([]);
    const gone = await runNode("action.assign_csm", { poolId: "general", strategy: "round_robin" }, byHand, { pools: { general: pool }, users: { zed: { ...zed, active: false } } });
    expect(expectKind(gone.outcome, "next").output).toMatchObject({ csmId: "ana", accountUpdated: true });
  });
});
