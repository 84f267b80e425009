import { describe, expect, it } from "vitest";
import fixture from "../fixtures/accounts-labelled.json";
import { classify } from "../../durable/ai/builtin/classify";
import { facts, inRange, rangeCues } from "../../durable/ai/builtin/cues";

const labels = fixture.labels;

describe("built-in classification", () => {
  it("labels the 30 sample accounts with at least 80% accuracy", () => {
    const results = fixture.accounts.map((a) => ({ id: a.id, want: a.label, got: classify(a.input, labels) }));
    const correct = results.filter((r) => r.got.label === r.want);
    const accuracy = correct.length / results.length;
    // Printed so the figure is visible in CI logs, not only pass/fail.
    console.log(`built-in classification: ${correct.length}/${results.length} = ${(accuracy * 100).toFixed(1)}%`);
    expect(results).toHaveLength(30);
    expect(accuracy, JSON.stringify(results.filter((r) => r.got.label !== r.want))).toBeGreaterThanOrEqual(0.8);
    // Without the optional examples too: descriptions alone carry it.
    const bare = labels.map(({ id, description }) => ({ id, description }));
    const bareCorrect = fixture.accounts.filter((a) => classify(a.input, bare).label === a.label).length;
    expect(bareCorrect / 30).toBeGreaterThanOrEqual(0.8);
  });

  it("is deterministic", () => {
    for (const a of fixture.accounts.slice(0, 10)) expect(classify(a.input, labels)).toEqual(classify(a.input, labels));
  });

  it("explains itself with the deciding terms and numbers, and a confidence in [0, 1]", () => {
    const r = classify("Cobalt Ridge Health — 4,200 employees, ARR $310,000. Needs a security review and SSO via Okta.", labels);
    expect(r.label).toBe("enterprise");
    expect(r.confidence).toBeGreaterThan(0.9);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.reason).toMatch(/^enterprise: matched .*"security review"/);
    expect(r.reason).toContain('4,200 employees fits "over 500 employees"');
    expect(r.reason).toMatch(/Runner-up: \w+/);
  });

  it("is unsure when nothing matches, and picks the first label", () => {
    const r = classify("Lorem ipsum dolor sit amet.", labels);
    expect(r.label).toBe("self_serve");
    expect(r.confidence).toBeCloseTo(0.25, 2);
    expect(r.reason).toMatch(/Nothing in the input matched/);
  });

  it("gives a close call a low confidence", () => {
    // A small team (self-serve numbers) that is developer-led (technical words): a near tie.
    const r = classify("Kestrel Robotics, 45 people, $9k ARR. Wants to use our SDK to pull data into their app.", labels);
    expect(r.confidence).toBeLessThan(0.7);
  });

  it("counts a negated term against a label that asserts it", () => {
    const two = [
      { id: "migration", description: "Needs a data migration from a legacy system" },
      { id: "clean_start", description: "Starts fresh with no data migration" },
    ];
    expect(classify("They need a data migration from the old CRM.", two).label).toBe("migration");
    expect(classify("No data migration needed, starting fresh.", two).label).toBe("clean_start");
  });

  it("uses examples when descriptions are thin", () => {
    const thin = [
      { id: "hot", description: "Hot lead", examples: ["asked for a demo this week", "budget approved"] },
      { id: "cold", description: "Cold lead", examples: ["no reply for months", "unsubscribed"] },
    ];
    expect(classify("Budget approved, wants the demo", thin).label).toBe("hot");
    expect(classify("They unsubscribed and gave no reply", thin).label).toBe("cold");
  });
});

describe("numeric cues", () => {
  it("reads ranges from descriptions and facts from inputs", () => {
    expect(rangeCues("Small teams (under 50 employees, ARR below $15k)")).toEqual([
      { unit: "employees", max: 50, inclusive: false, text: "under 50 employees" },
      { unit: "money", max: 15000, inclusive: false, text: "below $15k" },
    ]);
    expect(rangeCues("50 to 500 employees, ARR $15k to $100k")).toEqual([
      { unit: "employees", min: 50, max: 500, text: "50 to 500 employees" },
      { unit: "money", min: 15000, max: 100000, text: "$15k to $100k" },
    ]);
    expect(rangeCues("at least 1,000 seats")).toMatchObject([{ unit: "seats", min: 1000, inclusive: true }]);
    expect(facts("Acme — 3,100 staff, ARR 1.2M, 40 seats. 200k records.")).toEqual([
      { unit: "employees", value: 3100, text: "3,100 staff" },
      { unit: "money", value: 1200000, text: "ARR 1.2M" },
      { unit: "seats", value: 40, text: "40 seats" },
    ]);
  });

  it("honours open and closed ends", () => {
    const f = (value: number) => ({ unit: "employees" as const, value, text: "" });
    expect(inRange(f(50), { unit: "employees", max: 50, text: "" })).toBe(false);
    expect(inRange(f(50), { unit: "employees", max: 50, inclusive: true, text: "" })).toBe(true);
    expect(inRange(f(50), { unit: "employees", min: 50, max: 500, text: "" })).toBe(true);
    expect(inRange(f(501), { unit: "employees", min: 500, text: "" })).toBe(true);
    expect(inRange({ ...f(501), unit: "money" }, { unit: "employees", min: 500, text: "" })).toBe(false);
  });
});
