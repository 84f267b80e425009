import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseOutboundMessage, sameOrganization, SOAP_ACK, SoapParseError } from "../../../worker/crm/salesforce-soap";

const fixture = (p: string) => readFileSync(new URL(`../../fixtures/salesforce/${p}`, import.meta.url), "utf8");

describe("Salesforce Outbound Message parsing", () => {
  it("reads the fixture: organisation, notification id, object type and sf: fields as text", () => {
    const msg = parseOutboundMessage(fixture("outbound-opportunity-closedwon.xml"));
    expect(msg.organizationId).toBe("00D5g00000KxRtUEAV");
    expect(msg.actionId).toBe("04k5g000000TbQxAAK");
    expect(msg.notifications).toHaveLength(1);
    expect(msg.notifications[0]).toMatchObject({ id: "04l5g00001aZcYwAAK", objectType: "Opportunity" });
    expect(msg.notifications[0].fields).toMatchObject({ Id: "0065g00000Bq7XkAAJ", StageName: "Closed Won", Amount: "126000.0", IsWon: "true" });
  });

  it("the Ack is the fixture's response byte for byte", () => {
    expect(SOAP_ACK).toBe(fixture("outbound-ack-response.xml"));
  });

  it("refuses malformed XML, DOCTYPEs and bodies without notifications", () => {
    for (const bad of ["<a><b></a>", '<!DOCTYPE x [<!ENTITY e "e">]><a/>', "<Envelope><Body/></Envelope>", ""]) {
      expect(() => parseOutboundMessage(bad), bad).toThrow(SoapParseError);
    }
  });

  it("compares organisation ids in their 18- and 15-character forms", () => {
    expect(sameOrganization("00D5g00000KxRtUEAV", "00D5g00000KxRtUEAV")).toBe(true);
    expect(sameOrganization("00D5g00000KxRtU", "00D5g00000KxRtUEAV")).toBe(true);
    expect(sameOrganization("00D5g00000KxRtUEAV", "00D5g00000KxRtUEAW")).toBe(false);
    expect(sameOrganization("00D5g00000KxRtX", "00D5g00000KxRtUEAV")).toBe(false);
  });
});
