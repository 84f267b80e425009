import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { beforeAll, describe, expect, it } from "vitest";
import { formatDay } from "../../web/components/due-badge/format";
import { ADMIN, fakeFetch, json, renderApp } from "./helpers";

const SINCE = "2026-11-04T09:30:00.000Z";

const settings = {
  ai: {
    active: { provider: "openai", label: "OpenAI-compatible endpoint", model: "gpt-4o-mini", host: "api.example.com", timeoutMs: 30000, source: "env", note: null },
    options: [{ provider: "openai", label: "OpenAI-compatible endpoint", configured: true, model: "gpt-4o-mini", host: "api.example.com", missing: null }],
    cost: {
      free: false,
      pricePer1kTokensUsd: 0.002,
      usage: { since: SINCE, calls: 12, runs: 4, inputTokens: 900, outputTokens: 300 },
      tokensPerRun: 300,
      perRunUsd: 0.0006,
      note: "From the last 30 days.",
    },
  },
  email: {
    active: { provider: "outbox", label: "Outbox only", host: null, source: "default", note: null },
    options: [{ provider: "outbox", label: "Outbox only", configured: true, host: null, missing: null }],
    cost: { free: true, note: "Kept locally." },
    usage: { kept30d: 3, delivered30d: 0, emailsPerRun: 1 },
  },
};

beforeAll(async () => {
  await import("../../web/pages/settings");
});

describe("settings", () => {
  it("shows the AI usage window's start as the app shows dates, never as an ISO timestamp", async () => {
    const fetch = fakeFetch({ "GET /api/me": () => json(200, ADMIN), "GET /api/settings": () => json(200, settings) });
    renderApp("/settings", fetch);
    const usage = await screen.findByText((_, el) => !!el?.textContent?.includes("since") && el.children.length === 0);
    expect(usage.textContent).toContain(`since ${formatDay(SINCE)}`);
    expect(document.body.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("keeps the holidays plans skip: lists them as dates, adds a day once, removes one, each saved at once", async () => {
    let days = ["2026-12-25", "2027-01-01"];
    const fetch = fakeFetch({
      "GET /api/me": () => json(200, ADMIN),
      "GET /api/settings": () => json(200, settings),
      "GET /api/settings/holidays": () => json(200, { days }),
      "PUT /api/settings/holidays": ({ body }) => {
        days = [...new Set((body as { days: string[] }).days)].sort();
        return json(200, { days });
      },
    });
    renderApp("/settings", fetch);
    const list = await screen.findByRole("list", { name: "Holidays" });
    expect(within(list).getAllByRole("listitem").map((li) => li.querySelector("time")?.getAttribute("datetime"))).toEqual(["2026-12-25", "2027-01-01"]);
    const puts = () => fetch.calls.filter((c) => c.method === "PUT").map((c) => c.body);

    const form = screen.getByRole("form", { name: "Add a holiday" });
    const input = within(form).getByLabelText("Day off") as HTMLInputElement;
    expect(input.type).toBe("date");
    fireEvent.click(within(form).getByRole("button", { name: "Add holiday" }));
    expect(await within(form).findByText("Choose a day.")).toBeTruthy();
    fireEvent.input(input, { target: { value: "2026-12-25" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add holiday" }));
    expect(await within(form).findByText(`${formatDay("2026-12-25")} is already a holiday.`)).toBeTruthy();
    expect(puts()).toEqual([]);

    fireEvent.input(input, { target: { value: "2026-12-24" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add holiday" }));
    await waitFor(() => expect(within(screen.getByRole("list", { name: "Holidays" })).getAllByRole("listitem")).toHaveLength(3));
    expect(puts()).toEqual([{ days: ["2026-12-25", "2027-01-01", "2026-12-24"] }]);
    expect(input.value).toBe("");
    expect(screen.getByRole("list", { name: "Holidays" }).querySelector("time")?.getAttribute("datetime")).toBe("2026-12-24");

    fireEvent.click(screen.getByRole("button", { name: `Remove ${formatDay("2027-01-01")}` }));
    await waitFor(() => expect(within(screen.getByRole("list", { name: "Holidays" })).getAllByRole("listitem")).toHaveLength(2));
    expect(puts()[1]).toEqual({ days: ["2026-12-24", "2026-12-25"] });
  });
});
