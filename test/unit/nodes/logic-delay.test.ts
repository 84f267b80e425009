import { describe, expect, it } from "vitest";
import { nodeTypes } from "../../../durable/registry";
import { NOW } from "../helpers/fake-services";
import { expectKind, runNode } from "../helpers/run-node";

describe("logic.delay", () => {
  it("waits a number of minutes on a timer", async () => {
    const { outcome } = await runNode("logic.delay", { minutes: 90 }, {});
    expect(expectKind(outcome, "wait_timer")).toMatchObject({ until: NOW + 90 * 60_000, port: "out", output: { until: "2026-04-01T10:30:00.000Z" } });
  });

  it("waits until a date from run data", async () => {
    const { outcome } = await runNode("logic.delay", { until: "steps.form.data.kickoff" }, { steps: { form: { data: { kickoff: "2026-04-10" } } } });
    expect(expectKind(outcome, "wait_timer").until).toBe(Date.UTC(2026, 3, 10));
  });

  it("continues at once when the date is past", async () => {
    const { outcome } = await runNode("logic.delay", { until: "deal.closeDate" }, { deal: { closeDate: "2026-03-27" } as never });
    expect(expectKind(outcome, "next")).toMatchObject({ port: "out", output: { alreadyPast: true } });
  });

  it("fails without retries when the path holds no date", async () => {
    const { outcome } = await runNode("logic.delay", { until: "deal.closeDate" }, { deal: { closeDate: "soon" } as never });
    expect(outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "invalid_date" } });
  });

  it("needs exactly one of minutes and until", () => {
    const schema = nodeTypes.get("logic.delay")!.config;
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ minutes: 5, until: "a.b" }).success).toBe(false);
    expect(schema.safeParse({ minutes: 0 }).success).toBe(false);
  });
});
