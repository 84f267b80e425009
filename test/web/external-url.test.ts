import { describe, expect, it } from "vitest";
import { externalUrl } from "../../web/lib/external-url";

describe("links to CRM records", () => {
  it("keeps http(s) addresses", () => {
    expect(externalUrl("https://app.hubspot.com/contacts/1/deal/2")).toBe("https://app.hubspot.com/contacts/1/deal/2");
    expect(externalUrl("http://crm.example.com/x")).toBe("http://crm.example.com/x");
  });
  it("drops script, data and malformed addresses, whatever their case or padding", () => {
    for (const u of ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>1</script>", "vbscript:x", "//evil.example.com", "not a url", "", null, undefined]) {
      expect(externalUrl(u)).toBeNull();
    }
  });
});
