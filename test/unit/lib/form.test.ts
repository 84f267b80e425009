import { describe, expect, it } from "vitest";
import { FieldListSchema, validateFormData, type Field } from "../../../durable/lib/form";

const fields: Field[] = [
  { key: "kickoff_date", label: "Kickoff date", type: "date", required: true },
  { key: "goal", label: "Goal", type: "select", required: true, options: ["Speed", "Scale"] },
  { key: "teams", label: "Teams", type: "multiselect", options: ["Sales", "Support"] },
  { key: "contact", label: "Contact", type: "email" },
  { key: "seats", label: "Seats", type: "number" },
  { key: "sso", label: "Needs SSO", type: "checkbox" },
  { key: "notes", label: "Notes", type: "textarea" },
  { key: "owner", label: "Owner", type: "user" },
  { key: "name", label: "Name", type: "text" },
];

describe("validateFormData", () => {
  it("accepts and coerces a good submission, dropping unknown keys", () => {
    const result = validateFormData(fields, {
      kickoff_date: "2026-04-10",
      goal: "Speed",
      teams: ["Sales", "Sales"],
      contact: " it@acme.example.com ",
      seats: "25",
      sso: "on",
      notes: "  hi ",
      owner: "u1",
      name: 7,
      injected: "nope",
    });
    expect(result.ok).toBe(true);
    expect(result.value).toEqual({
      kickoff_date: "2026-04-10",
      goal: "Speed",
      teams: ["Sales"],
      contact: "it@acme.example.com",
      seats: 25,
      sso: true,
      notes: "hi",
      owner: "u1",
      name: "7",
    });
  });

  it("fills absent optional fields with null, [] and false", () => {
    const result = validateFormData(fields, { kickoff_date: "2026-04-10", goal: "Scale" });
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ teams: [], contact: null, seats: null, sso: false, notes: null });
  });

  it("reports required fields and wrong types by key", () => {
    const result = validateFormData(fields, { goal: "Other", teams: ["Marketing"], contact: "nope", seats: "many", sso: "maybe", kickoff_date: "2026-02-30" });
    expect(result.ok).toBe(false);
    const byPath = Object.fromEntries(result.errors.map((e) => [e.path, e.message]));
    expect(Object.keys(byPath).sort()).toEqual(["contact", "goal", "kickoff_date", "seats", "sso", "teams"]);
    expect(byPath.goal).toMatch(/not one of the options/);
    expect(byPath.kickoff_date).toMatch(/date/);
    expect(validateFormData(fields, {}).errors.map((e) => e.path)).toEqual(["kickoff_date", "goal"]);
  });

  it("requires a required checkbox to be ticked", () => {
    const terms: Field[] = [{ key: "terms", label: "Terms", type: "checkbox", required: true }];
    expect(validateFormData(terms, { terms: false }).ok).toBe(false);
    expect(validateFormData(terms, {}).ok).toBe(false);
    expect(validateFormData(terms, { terms: true }).ok).toBe(true);
  });

  it("refuses a submission that is not an object", () => {
    expect(validateFormData(fields, "x").errors).toEqual([{ path: "", message: "Form data must be an object" }]);
    expect(validateFormData(fields, [1]).ok).toBe(false);
  });

  it("accepts full ISO date-times for date fields", () => {
    expect(validateFormData([{ key: "d", label: "D", type: "date" }], { d: "2026-04-10T09:00:00Z" }).ok).toBe(true);
  });
});

describe("form answer limits", () => {
  // 2026-12-04 09:00 UTC: still 2026-12-03 in UTC-12 until 12:00 UTC.
  const now = Date.parse("2026-12-04T09:00:00Z");
  const kickoff: Field[] = [{ key: "kickoff", label: "Kickoff date", type: "date", notBefore: "today" }];

  it("a notBefore: today date field refuses days already over everywhere, and takes today anywhere", () => {
    expect(validateFormData(kickoff, { kickoff: "2026-12-02" }, now).errors).toEqual([{ path: "kickoff", message: "Kickoff date can't be in the past: choose today or a later day" }]);
    expect(validateFormData(kickoff, { kickoff: "2026-12-01T23:00:00Z" }, now).ok).toBe(false);
    for (const day of ["2026-12-03", "2026-12-04", "2027-01-15"]) expect(validateFormData(kickoff, { kickoff: day }, now).ok).toBe(true);
    // Once it is the 4th everywhere, the 3rd is past.
    expect(validateFormData(kickoff, { kickoff: "2026-12-03" }, Date.parse("2026-12-04T12:00:00Z")).ok).toBe(false);
    // Without the option, past days are fine (e.g. a close date).
    expect(validateFormData([{ key: "d", label: "D", type: "date" }], { d: "2020-01-01" }, now).ok).toBe(true);
  });

  it("every text-like answer has a limit: the type's default, or the field's maxLength", () => {
    const text: Field[] = [
      { key: "name", label: "Name", type: "text" },
      { key: "notes", label: "Notes", type: "textarea" },
      { key: "code", label: "Code", type: "text", maxLength: 5 },
      { key: "mail", label: "Mail", type: "email" },
    ];
    const ok = validateFormData(text, { name: "n".repeat(500), notes: "x".repeat(5000), code: "  12345  ", mail: `${"m".repeat(240)}@example.com` });
    expect(ok).toMatchObject({ ok: true, value: { code: "12345" } });
    const bad = validateFormData(text, { name: "n".repeat(501), notes: "x".repeat(5001), code: "123456", mail: `${"m".repeat(250)}@example.com` });
    expect(bad.errors).toEqual([
      { path: "name", message: "Name must be at most 500 characters" },
      { path: "notes", message: "Notes must be at most 5,000 characters" },
      { path: "code", message: "Code must be at most 5 characters" },
      { path: "mail", message: "Mail must be at most 254 characters" },
    ]);
  });

  it("maxLength only on text-like fields, notBefore only on dates", () => {
    const r = FieldListSchema.safeParse([
      { key: "a", label: "A", type: "number", maxLength: 3 },
      { key: "b", label: "B", type: "text", notBefore: "today" },
      { key: "c", label: "C", type: "text", maxLength: 20_000 },
    ]);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["0.maxLength", "1.notBefore", "2.maxLength"]);
    expect(FieldListSchema.safeParse([{ key: "d", label: "D", type: "date", notBefore: "today" }, { key: "t", label: "T", type: "textarea", maxLength: 2000 }]).success).toBe(true);
  });
});

describe("FieldListSchema", () => {
  it("needs options for choice fields and unique keys", () => {
    const result = FieldListSchema.safeParse([
      { key: "a", label: "A", type: "select" },
      { key: "a", label: "A2", type: "text" },
      { key: "1bad", label: "B", type: "text" },
    ]);
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(messages.some((m) => m.startsWith("0.options"))).toBe(true);
    expect(messages.some((m) => m.startsWith("2.key"))).toBe(true);
  });
});
