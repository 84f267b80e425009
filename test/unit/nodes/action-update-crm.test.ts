import { describe, expect, it } from "vitest";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

describe("action.update_crm", () => {
  const config = { properties: { csm_email: "{{csm.email}}", onboarding_link: "https://app.example.com/accounts/{{account.id}}", note: "{{nothing}}" } };

  it("renders each property and writes back through the CRM service", async () => {
    const deal = sampleDeal();
    const { outcome, fake } = await runNode("action.update_crm", config, { deal, csm: { email: "ana@example.com" }, account: { id: "acct-1" } });
    expect(fake.calls.crmUpdates).toEqual([{ deal, properties: { csm_email: "ana@example.com", onboarding_link: "https://app.example.com/accounts/acct-1", note: "" } }]);
    expect(expectKind(outcome, "next").output).toMatchObject({ sent: false, detail: "would update (test run)", missing: ["nothing"] });
  });

  it("fails without retries when there is no deal", async () => {
    const { outcome } = await runNode("action.update_crm", config, {});
    expect(outcome).toMatchObject({ retryable: false, error: { code: "no_deal" } });
  });
});
