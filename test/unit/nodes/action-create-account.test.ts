import { describe, expect, it } from "vitest";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

describe("action.create_account", () => {
  it("upserts the account from the deal's defaults and sets account", async () => {
    const { outcome, fake } = await runNode("action.create_account", {}, { deal: sampleDeal() });
    expect(fake.calls.upserts).toEqual([
      {
        name: "Brightline Analytics",
        domain: "brightline.example.com",
        arr: 48000,
        segment: "Mid-Market",
        region: "NA-West",
        primaryContact: { name: "Maya Okafor", email: "maya.okafor@brightline.example.com" },
        source: { connector: "hubspot", objectId: "24587310912", url: "https://app.hubspot.com/contacts/1/deal/24587310912" },
      },
    ]);
    const next = expectKind(outcome, "next");
    expect(next.set?.account).toMatchObject({ id: "acct-1", name: "Brightline Analytics" });
    expect(next.output).toMatchObject({ accountId: "acct-1", notes: [] });
  });

  it("falls back to the deal name and amount", async () => {
    const deal = sampleDeal({ arr: null, amount: 30000, company: { ...sampleDeal().company, name: null } });
    const { fake } = await runNode("action.create_account", {}, { deal });
    expect(fake.calls.upserts[0]).toMatchObject({ name: "Brightline Analytics — Growth", arr: 30000 });
  });

  it("uses mapped paths, coercing ARR text, and notes empty mappings", async () => {
    const mapping = { name: "steps.form.data.legal", arr: "steps.form.data.arr", region: "steps.form.data.region", domain: "deal.properties.site" };
    const data = { deal: sampleDeal({ properties: { site: "Brightline.Example.com" } }), steps: { form: { data: { legal: "Brightline Inc.", arr: "52,000", region: "" } } } };
    const { outcome, fake } = await runNode("action.create_account", { mapping }, data);
    expect(fake.calls.upserts[0]).toMatchObject({ name: "Brightline Inc.", arr: 52000, region: "NA-West", domain: "brightline.example.com" });
    expect(expectKind(outcome, "next").output.notes).toEqual(["region: nothing at steps.form.data.region, used the deal's value"]);
  });

  it("fails without retries when no name can be found", async () => {
    const { outcome } = await runNode("action.create_account", {}, {});
    expect(outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "missing_name" } });
  });

  it("works from mapped data alone, recording the run as the source", async () => {
    const { fake } = await runNode("action.create_account", { mapping: { name: "company" } }, { company: "Solo Ltd" });
    expect(fake.calls.upserts[0]).toMatchObject({ name: "Solo Ltd", source: { connector: "hubspot", objectId: "run-1", url: null } });
  });
});
