import { describe, expect, it } from "vitest";
import { NodeError } from "../../../durable/types";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

const config = {
  to: "{{deal.primaryContact.email}}",
  cc: "{{csm.email}}; success@example.com",
  subject: "Welcome, {{deal.company.name}}!",
  body: "Hi {{deal.primaryContact.name}},\n\nI'm **{{csm.name}}**. {{deal.plan_note}}",
};
const data = { deal: sampleDeal({ company: { ...sampleDeal().company, name: "Brightline <Analytics>" } }), csm: { name: "Ana", email: "ana@example.com" } };

describe("action.send_email", () => {
  it("renders and sends text and escaped HTML, reporting missing paths", async () => {
    const { outcome, fake } = await runNode("action.send_email", config, data);
    expect(fake.calls.emails).toEqual([
      {
        to: "maya.okafor@brightline.example.com",
        cc: "ana@example.com, success@example.com",
        subject: "Welcome, Brightline <Analytics>!",
        text: "Hi Maya Okafor,\n\nI'm **Ana**. ",
        html: "<p>Hi Maya Okafor,</p>\n<p>I&#39;m <strong>Ana</strong>. </p>\n",
      },
    ]);
    expect(expectKind(outcome, "next").output).toEqual({
      to: "maya.okafor@brightline.example.com",
      cc: "ana@example.com, success@example.com",
      subject: "Welcome, Brightline <Analytics>!",
      text: "Hi Maya Okafor,\n\nI'm **Ana**. ",
      messageId: "msg-1",
      provider: "outbox",
      providerMessageId: null,
      missing: ["deal.plan_note"],
    });
  });

  it("fails without retries when the recipient is missing", async () => {
    const { outcome, fake } = await runNode("action.send_email", config, { csm: data.csm });
    expect(outcome).toMatchObject({ kind: "fail", retryable: false, error: { code: "invalid_recipient", message: expect.stringMatching(/deal\.primaryContact\.email/) } });
    expect(fake.calls.emails).toEqual([]);
  });

  it("lets a provider outage be retried", async () => {
    const { outcome } = await runNode("action.send_email", config, data, { emailError: new NodeError("provider 503", "email_unavailable", true) });
    expect(outcome).toMatchObject({ kind: "fail", retryable: true, error: { code: "email_unavailable" } });
  });
});
