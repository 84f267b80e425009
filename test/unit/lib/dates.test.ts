import { describe, expect, it } from "vitest";
import { addDays, isIsoDate, isoDay, parseDate, readableUtc } from "../../../durable/lib/dates";

describe("dates", () => {
  it("parses ISO dates, date-times and Salesforce offsets", () => {
    expect(parseDate("2026-03-30")).toBe(Date.UTC(2026, 2, 30));
    expect(parseDate("2026-03-30T18:21:47.000+0000")).toBe(Date.UTC(2026, 2, 30, 18, 21, 47));
    expect(parseDate("2026-03-30T20:21:47+02:00")).toBe(Date.UTC(2026, 2, 30, 18, 21, 47));
    expect(parseDate(1_700_000_000_000)).toBe(1_700_000_000_000);
  });

  it("rejects what is not a date", () => {
    expect(parseDate("2026-02-30")).toBeNull();
    expect(parseDate("next week")).toBeNull();
    expect(parseDate("48000")).toBeNull();
    expect(parseDate(Number.NaN)).toBeNull();
    expect(isIsoDate("2026-13-01")).toBe(false);
  });

  it("adds calendar days across months and leap years", () => {
    expect(addDays("2026-01-30", 3)).toBe("2026-02-02");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(isoDay(Date.UTC(2026, 3, 1, 23, 59))).toBe("2026-04-01");
    expect(() => addDays("soon", 1)).toThrow(RangeError);
  });
});
