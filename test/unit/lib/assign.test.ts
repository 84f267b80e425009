import { describe, expect, it } from "vitest";
import { chooseCsm, type ChooseCsmInput } from "../../../durable/lib/assign";
import type { PoolMemberView } from "../../../durable/types";
import { member } from "../helpers/sample-data";

/** Simulate `n` consecutive assignments, storing the pointer back each time like the node does. */
function simulate(input: Omit<ChooseCsmInput, "pointer">, n: number, start = 0): Record<string, number> {
  const counts: Record<string, number> = {};
  let pointer = start;
  for (let i = 0; i < n; i++) {
    const result = chooseCsm({ ...input, pointer });
    if (result.userId) counts[result.userId] = (counts[result.userId] ?? 0) + 1;
    pointer = result.pointer;
  }
  return counts;
}

describe("chooseCsm weighted", () => {
  it.each([
    [[3, 1, 1]],
    [[5, 3, 2]],
    [[1, 1, 1, 1]],
    [[7, 2, 1]],
    [[0.5, 1.5]],
  ])("over 1,000 assignments matches weights %j within 2 percentage points", (weights) => {
    const members = weights.map((w, i) => member(`u${i}`, { weight: w }));
    const total = weights.reduce((a, b) => a + b, 0);
    for (const start of [0, 17, 123456]) {
      const counts = simulate({ members, strategy: "weighted" }, 1000, start);
      members.forEach((m, i) => {
        const share = (counts[m.userId] ?? 0) / 1000;
        expect(Math.abs(share - weights[i] / total)).toBeLessThanOrEqual(0.02);
      });
    }
  });

  it("is deterministic for a given pointer and advances it by one", () => {
    const members = [member("a", { weight: 2 }), member("b", { weight: 1 })];
    const first = chooseCsm({ members, strategy: "weighted", pointer: 41 });
    expect(chooseCsm({ members, strategy: "weighted", pointer: 41 })).toEqual(first);
    expect(first.pointer).toBe(42);
    expect(first.reason).toMatch(/Weighted/);
  });

  it("skips zero weights and can use an injected random source", () => {
    const members = [member("a", { weight: 0 }), member("b", { weight: 1 })];
    expect(chooseCsm({ members, strategy: "weighted", pointer: 0 }).userId).toBe("b");
    const pick = (u: number) => chooseCsm({ members: [member("a"), member("b")], strategy: "weighted", pointer: 0, random: () => u }).userId;
    expect(pick(0.1)).toBe("a");
    expect(pick(0.9)).toBe("b");
  });
});

describe("chooseCsm round robin", () => {
  it("takes members in turn and wraps around", () => {
    const members = [member("a"), member("b"), member("c")];
    const order: (string | null)[] = [];
    let pointer = 0;
    for (let i = 0; i < 5; i++) {
      const r = chooseCsm({ members, strategy: "round_robin", pointer });
      order.push(r.userId);
      pointer = r.pointer;
    }
    expect(order).toEqual(["a", "b", "c", "a", "b"]);
  });

  it("skips ineligible members without losing the turn order", () => {
    const members = [member("a"), member("b", { outOfOffice: true }), member("c")];
    const r = chooseCsm({ members, strategy: "round_robin", pointer: 1 });
    expect(r.userId).toBe("c");
    expect(r.pointer).toBe(0);
    expect(r.considered.find((c) => c.userId === "b")).toMatchObject({ eligible: false, reason: "out of office" });
    expect(r.reason).toMatch(/skipped: 1 out of office/);
  });
});

describe("chooseCsm least loaded", () => {
  it("picks the member with the fewest active accounts", () => {
    const members = [member("a", { activeAccounts: 5 }), member("b", { activeAccounts: 2 }), member("c", { activeAccounts: 3 })];
    const r = chooseCsm({ members, strategy: "least_loaded", pointer: 0 });
    expect(r.userId).toBe("b");
    expect(r.reason).toMatch(/fewest active accounts \(2\)/);
  });

  it("breaks ties by weight, then by rotation from the pointer", () => {
    const tied = [member("a", { activeAccounts: 1 }), member("b", { activeAccounts: 1, weight: 3 }), member("c", { activeAccounts: 1 })];
    expect(chooseCsm({ members: tied, strategy: "least_loaded", pointer: 0 }).userId).toBe("b");
    const even = [member("a"), member("b"), member("c")];
    expect(chooseCsm({ members: even, strategy: "least_loaded", pointer: 2 }).userId).toBe("c");
    expect(chooseCsm({ members: even, strategy: "least_loaded", pointer: 2 }).pointer).toBe(0);
  });
});

describe("chooseCsm eligibility", () => {
  const members: PoolMemberView[] = [
    member("full", { capacity: 3, activeAccounts: 3 }),
    member("away", { outOfOffice: true }),
    member("gone", { active: false }),
    member("free", { capacity: 10, activeAccounts: 4 }),
  ];

  it("respects capacity and out-of-office by default and explains each member", () => {
    for (const strategy of ["round_robin", "weighted", "least_loaded"] as const) {
      const r = chooseCsm({ members, strategy, pointer: 0 });
      expect(r.userId).toBe("free");
      expect(r.considered.map((c) => [c.userId, c.eligible, c.reason])).toEqual([
        ["full", false, "at capacity (3/3 active accounts)"],
        ["away", false, "out of office"],
        ["gone", false, "inactive user"],
        ["free", true, "chosen, 4/10 active accounts"],
      ]);
    }
  });

  it("can be told to ignore capacity and out-of-office", () => {
    const r = chooseCsm({ members, strategy: "round_robin", pointer: 0, respectCapacity: false, skipOutOfOffice: false });
    expect(r.userId).toBe("full");
    expect(chooseCsm({ members, strategy: "round_robin", pointer: 1, respectCapacity: false, skipOutOfOffice: false }).userId).toBe("away");
  });

  it("returns null with reasons when nobody is eligible", () => {
    const r = chooseCsm({ members: members.slice(0, 3), strategy: "round_robin", pointer: 2 });
    expect(r).toMatchObject({ userId: null, pointer: 2 });
    expect(r.reason).toBe("No eligible member (1 at capacity, 1 out of office, 1 inactive user)");
    expect(chooseCsm({ members: [], strategy: "weighted", pointer: 0 }).reason).toBe("The pool has no members");
  });
});

describe("chooseCsm sticky by domain", () => {
  const members = [member("a"), member("b", { activeAccounts: 9 }), member("c")];

  it("keeps the domain's CSM when eligible, whatever the strategy, without moving the pointer", () => {
    for (const strategy of ["round_robin", "weighted", "least_loaded"] as const) {
      const r = chooseCsm({ members, strategy, pointer: 0, stickyUserId: "b" });
      expect(r.userId).toBe("b");
      expect(r.pointer).toBe(0);
      expect(r.reason).toMatch(/Sticky by domain/);
    }
  });

  it("falls back to the strategy and says why when the domain's CSM cannot take it", () => {
    const away = chooseCsm({ members: [member("a"), member("b", { outOfOffice: true })], strategy: "round_robin", pointer: 1, stickyUserId: "b" });
    expect(away.userId).toBe("a");
    expect(away.reason).toMatch(/^The domain's CSM B is out of office; Round robin/);
    const outside = chooseCsm({ members, strategy: "round_robin", pointer: 0, stickyUserId: "zed" });
    expect(outside.userId).toBe("a");
    expect(outside.reason).toMatch(/not in this pool/);
  });
});
