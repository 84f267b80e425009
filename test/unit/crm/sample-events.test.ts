import { describe, expect, it } from "vitest";
import { SAMPLE_EVENTS } from "../../../web/builder/sample-deals";
import { hubspotRecordId } from "../../../worker/crm/hubspot-deal";
import { notionRecordId } from "../../../worker/crm/notion";
import { salesforceRecordId } from "../../../worker/crm/salesforce";

describe("the test panel's sample webhook bodies", () => {
  it("each name the record the server's test-event check and the run's first CRM read look for", () => {
    expect(hubspotRecordId(SAMPLE_EVENTS.hubspot)).toBe("24587310912");
    expect(salesforceRecordId(SAMPLE_EVENTS.salesforce)).toBe("0065g00000Bq7XkAAJ");
    expect(notionRecordId(SAMPLE_EVENTS.notion)).toBe("1f4e5c7a-2b3d-8011-b3f5-7a0c9e2d4b68");
  });
});
