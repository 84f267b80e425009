import { describe, expect, it } from "vitest";
import { extract } from "../../durable/ai/builtin/extract";
import { kindOf, options } from "../../durable/ai/builtin/fields";
import { findDates, findDomains, findEmails, findQuantities, parseBoolean, parseQuantity } from "../../durable/ai/builtin/parsers";

const notes =
  "Deal: Brightline Analytics — Growth. ARR: $120k, 240 employees, 40 seats. Primary contact maya.okafor@brightline.example.com, " +
  "website https://www.brightline.example.com/about. Kickoff on May 4, 2026. Needs SSO: yes. No data migration. Segment: mid-market. Owner is Jordan Reyes.";

const fields = [
  { key: "arr", type: "number", description: "annual recurring revenue in USD" },
  { key: "employees", type: "number", description: "number of employees" },
  { key: "seats", type: "number", description: "expected seats" },
  { key: "contactEmail", type: "string", description: "primary contact e-mail" },
  { key: "domain", type: "string", description: "company website domain" },
  { key: "kickoffDate", type: "string", description: "kickoff date" },
  { key: "sso", type: "boolean", description: "needs single sign-on" },
  { key: "dataMigration", type: "boolean", description: "needs a data migration" },
  { key: "segment", type: "string", description: "one of: smb, mid-market, enterprise" },
  { key: "owner", type: "string", description: "deal owner name" },
  { key: "budget", type: "number", description: "approved budget" },
];

describe("built-in extraction", () => {
  it("extracts typed fields from deal notes", () => {
    expect(extract(notes, fields)).toEqual({
      values: {
        arr: 120000,
        employees: 240,
        seats: 40,
        contactEmail: "maya.okafor@brightline.example.com",
        domain: "brightline.example.com",
        kickoffDate: "2026-05-04",
        sso: true,
        dataMigration: false,
        segment: "mid-market",
        owner: "Jordan Reyes",
        budget: 0,
      },
      // Never stated: an empty value, reported rather than guessed (the ARR is not the budget).
      notFound: ["budget"],
    });
  });

  it("is deterministic", () => {
    expect(extract(notes, fields)).toEqual(extract(notes, fields));
  });

  it("reads other wordings", () => {
    const r = extract("The deal is worth 1.2M euros and closes 31/01/2027. Contact: bob@acme.io. They have 1,500 staff and no SSO.", [
      { key: "dealValue", type: "number", description: "deal value" },
      { key: "closeDate", type: "string", description: "close date" },
      { key: "headcount", type: "number", description: "employees" },
      { key: "domain", type: "string", description: "company domain" },
      { key: "sso", type: "boolean", description: "needs SSO" },
      { key: "tier", type: "string", description: "(gold | silver | bronze)" },
    ]);
    expect(r.values).toEqual({ dealValue: 1200000, closeDate: "2027-01-31", headcount: 1500, domain: "acme.io", sso: false, tier: "" });
    expect(r.notFound).toEqual(["tier"]);
  });

  it("returns exactly the declared keys even from empty input", () => {
    const r = extract("", [
      { key: "a", type: "string", description: "" },
      { key: "b", type: "number", description: "" },
      { key: "c", type: "boolean", description: "" },
    ]);
    expect(r).toEqual({ values: { a: "", b: 0, c: false }, notFound: ["a", "b", "c"] });
  });
});

describe("typed parsers", () => {
  it("money and numbers", () => {
    expect(parseQuantity("$120k")).toEqual({ value: 120000, currency: "USD", magnitude: true });
    expect(parseQuantity("1.2M")).toEqual({ value: 1200000, currency: null, magnitude: true });
    expect(parseQuantity("€45,000")).toEqual({ value: 45000, currency: "EUR", magnitude: false });
    expect(parseQuantity("3 million")).toMatchObject({ value: 3000000 });
    expect(parseQuantity("45000 USD")).toMatchObject({ value: 45000, currency: "USD" });
    expect(parseQuantity("about 5")).toBeNull();
    // Digits inside e-mails, domains, dates and names are not amounts.
    expect(findQuantities("SOC2 ok, v2 api, a1@b2.io, 2026-05-04, 1,200 users").map((q) => q.value.value)).toEqual([1200]);
  });

  it("e-mails and domains", () => {
    expect(findEmails("Write to Maya.Okafor@Brightline.example.com today").map((f) => f.value)).toEqual(["maya.okafor@brightline.example.com"]);
    expect(findDomains("see https://www.acme.io/pricing or globex.com, not bob@initech.com").map((f) => f.value)).toEqual(["acme.io", "globex.com"]);
  });

  it("dates", () => {
    expect(findDates("2026-05-04, May 4th 2026, 4 May 2026, 05/04/2026, 31/01/2027, 31 April 2026").map((f) => f.value)).toEqual([
      "2026-05-04",
      "2026-05-04",
      "2026-05-04",
      "2026-05-04",
      "2027-01-31",
    ]);
  });

  it("booleans and enumerations", () => {
    expect([parseBoolean("yes"), parseBoolean("Not needed"), parseBoolean("required"), parseBoolean("maybe")]).toEqual([true, false, true, null]);
    expect(options("one of: smb, mid-market or enterprise")).toEqual(["smb", "mid-market", "enterprise"]);
    expect(options('tier ("gold", "silver")')).toEqual(["gold", "silver"]);
    expect(options("plan (starter | growth | scale)")).toEqual(["starter", "growth", "scale"]);
    expect(options("the account name")).toEqual([]);
  });

  it("chooses a parser from the field's type, key and description", () => {
    const kind = (key: string, type: string, description = "") => kindOf({ key, type, description });
    expect([kind("arr", "number"), kind("seats", "number"), kind("ownerEmail", "string"), kind("website", "string")]).toEqual(["money", "count", "email", "domain"]);
    expect([kind("goLiveDate", "string"), kind("segment", "string", "one of: a, b"), kind("sso", "boolean"), kind("summary", "string"), kind("name", "string")]).toEqual([
      "date",
      "enum",
      "flag",
      "summary",
      "text",
    ]);
  });
});
