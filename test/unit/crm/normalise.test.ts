import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { dateOnly, domainOf, isoMs, num } from "../../../worker/crm/normalise";
import { maskSecret, mergeCredentials } from "../../../worker/crm/credentials";
import { associatedIds, humanise, normaliseHubspotDeal } from "../../../worker/crm/hubspot-deal";

const hs = (p: string) => JSON.parse(readFileSync(new URL(`../../fixtures/hubspot/${p}`, import.meta.url), "utf8"));

describe("normalising CRM values", () => {
  it("converts the shapes CRMs send", () => {
    expect(num("126000.0")).toBe(126000);
    expect(num("")).toBeNull();
    expect(num("n/a")).toBeNull();
    expect(domainOf("https://www.Brightline.example.com/about")).toBe("brightline.example.com");
    expect(domainOf("lena.fischer@lumenfield.example.com")).toBe("lumenfield.example.com");
    expect(domainOf("cobaltridge.example.com")).toBe("cobaltridge.example.com");
    expect(dateOnly("2026-03-27T16:42:10.512Z")).toBe("2026-03-27");
    expect(dateOnly("2026-03-30")).toBe("2026-03-30");
    expect(isoMs("2026-03-30T18:21:47.000+0000")).toBe(Date.parse("2026-03-30T18:21:47.000Z"));
    expect(humanise("COMPUTER_SOFTWARE")).toBe("Computer software");
  });

  it("HubSpot: dedupes the doubled primary association and normalises the fixture objects", () => {
    const deal = hs("deal-object.json");
    expect(associatedIds(deal, "companies")).toEqual(["18934556721"]);
    expect(associatedIds(deal, "contacts")).toEqual(["97345120887", "97345121554"]);
    const out = normaliseHubspotDeal({ deal, company: hs("company-object.json"), contact: hs("contact-object.json"), owner: hs("owner-object.json"), settings: {}, portalId: "48211937" });
    expect(out).toMatchObject({ arr: 48000, plan: "growth", closeDate: "2026-03-27", company: { region: "NA-West", employees: 240 }, owner: { name: "Jordan Reyes" } });
    // Without hs_arr (no line items) ARR falls back to the amount.
    const noArr = normaliseHubspotDeal({ deal: { ...deal, properties: { ...deal.properties, hs_arr: null } }, company: null, contact: null, owner: null, settings: {} });
    expect(noArr.arr).toBe(48000);
    expect(noArr.url).toBeNull();
    expect(noArr.company).toEqual({ name: null, domain: null, industry: null, employees: null, country: null, region: null });
  });

  it("masks secrets and merges a partial credentials update", () => {
    expect(maskSecret("pat-na1-11112222-3333-4444-5555-66667777a1b2")).toBe("pat-…a1b2");
    expect(maskSecret("short-secret")).toBe("…et");
    expect(maskSecret("tiny")).toBe("…");
    expect(mergeCredentials({ accessToken: "a", clientSecret: "b", apiBaseUrl: "u" }, { accessToken: "c", apiBaseUrl: "" })).toEqual({ accessToken: "c", clientSecret: "b" });
    // Salesforce: switching from a token to an OAuth client drops the token fields, and back.
    const token = { instanceUrl: "https://x.my.salesforce.com", accessToken: "t", organizationId: "00D5g00000KxRtUEAV" };
    const oauth = { loginUrl: "https://login.salesforce.com", clientId: "id", clientSecret: "s", refreshToken: "r" };
    expect(mergeCredentials(token, oauth, "salesforce")).toEqual({ organizationId: "00D5g00000KxRtUEAV", ...oauth });
    expect(mergeCredentials({ ...oauth, organizationId: "00D5g00000KxRtUEAV" }, { instanceUrl: "https://y.my.salesforce.com", accessToken: "u" }, "salesforce")).toEqual({
      organizationId: "00D5g00000KxRtUEAV",
      instanceUrl: "https://y.my.salesforce.com",
      accessToken: "u",
    });
    expect(mergeCredentials(token, { accessToken: "rotated" }, "salesforce")).toEqual({ ...token, accessToken: "rotated" });
  });
});
