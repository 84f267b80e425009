import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { describe, expect, it } from "vitest";
import { createApiClient, type ApiClient } from "../../web/lib/api";
import type { RecordSource } from "../../web/builder/test-record";
import { SampleForm, SampleSummary, useSample, type SampleBody } from "../../web/builder/test-sample";
import { apiError, fakeFetch, json } from "./helpers";

const HUBSPOT: RecordSource = { kind: "hubspot", connectorId: "con_hs" };
const deal = { source: "hubspot", objectId: "24587310912", name: "Brightline Analytics - Growth plan (annual)", arr: 48000, company: { name: "Brightline Analytics" } };

function server() {
  return fakeFetch({
    "GET /api/connectors/con_hs/records/24587310912": () => json(200, { deal }),
    // The API's own check of the id (worker/routes/connector-actions.ts), as it answers it.
    "GET /api/connectors/con_hs/records/abc%20def": () =>
      apiError(422, "validation_failed", "The request is not valid.", [{ path: "objectId", message: "A record id is letters, digits, dashes, dots, colons or underscores" }]),
    "GET /api/connectors/con_hs/records/99999": () => apiError(404, "not_found", "HubSpot has no deal 99999 (404); it may have been deleted or not shared with the connector."),
  });
}

/** The panel's sample form as the test panel uses it: "Run test" sends `body()` and folds into the summary. */
function Harness({ api, source, sent }: { api: ApiClient; source: RecordSource | null; sent: SampleBody[] }) {
  const sample = useSample("trigger.hubspot", source);
  const [ran, setRan] = useState(false);
  if (ran) return <SampleSummary sample={sample} starting={false} error={null} onRun={() => undefined} onEdit={() => setRan(false)} />;
  return (
    <SampleForm
      api={api}
      sample={sample}
      versions={[]}
      starting={false}
      error={null}
      onRun={() => {
        const body = sample.body();
        if (body) (sent.push(body), setRan(true));
      }}
    />
  );
}

function setup(source: RecordSource | null = HUBSPOT) {
  const fetch = server();
  const sent: SampleBody[] = [];
  render(<Harness api={createApiClient({ fetch })} source={source} sent={sent} />);
  return { fetch, sent };
}

const chooseRecord = () => fireEvent.change(screen.getByLabelText("Sample data"), { target: { value: "record" } });
const json$ = () => (screen.getByLabelText("Deal (JSON)") as HTMLTextAreaElement).value;

describe("test panel: a record fetched from the trigger's connector", () => {
  it("is offered only when the trigger names a connector", () => {
    setup(null);
    expect(screen.queryByRole("option", { name: "A record from HubSpot" })).toBeNull();
    screen.getByRole("option", { name: "My own JSON" });
  });

  it("fetches the record by id into the deal JSON, which runs as the sample and names it in the summary", async () => {
    const { fetch, sent } = setup();
    chooseRecord();
    const id = screen.getByLabelText("HubSpot deal id");
    fireEvent.input(id, { target: { value: " 24587310912 " } });
    fireEvent.click(screen.getByRole("button", { name: "Fetch" }));
    await waitFor(() => expect(JSON.parse(json$())).toEqual(deal));
    expect(fetch.calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /api/connectors/con_hs/records/24587310912"]);
    expect(screen.queryByRole("alert")).toBeNull();

    // The admin edits the fetched deal before running it.
    fireEvent.input(screen.getByLabelText("Deal (JSON)"), { target: { value: JSON.stringify({ ...deal, arr: 150000 }) } });
    fireEvent.click(screen.getByRole("button", { name: "Run test" }));
    expect(sent).toEqual([{ deal: { ...deal, arr: 150000 } }]);
    screen.getByText("HubSpot deal 24587310912 (edited)");
  });

  it("shows why a record cannot be fetched, and leaves the JSON as it was", async () => {
    setup();
    const before = json$();
    chooseRecord();
    const id = screen.getByLabelText("HubSpot deal id");
    fireEvent.input(id, { target: { value: "99999" } });
    // Enter in the id box fetches (that it does not also submit the form is checked in the browser).
    fireEvent.keyDown(id, { key: "Enter" });
    await screen.findByText(/HubSpot has no deal 99999/);
    expect(screen.getByRole("alert").textContent).toContain("HubSpot has no deal 99999");
    expect(json$()).toBe(before);
    expect(screen.queryByText(/^Sample:/)).toBeNull();
  });

  it("says on the id box what is wrong with an id the API refuses, instead of a generic failure", async () => {
    setup();
    chooseRecord();
    const id = screen.getByLabelText("HubSpot deal id");
    fireEvent.input(id, { target: { value: "abc def" } });
    fireEvent.click(screen.getByRole("button", { name: "Fetch" }));
    await waitFor(() => expect(id.getAttribute("aria-invalid")).toBe("true"));
    const described = document.getElementById(id.getAttribute("aria-describedby")!.split(" ").find((d) => d.endsWith("-error"))!);
    expect(described?.textContent).toBe("A record id is letters, digits, dashes, dots, colons or underscores.");
    expect(screen.queryByText("The request is not valid.")).toBeNull();
    // Typing again clears it.
    fireEvent.input(id, { target: { value: "24587310912" } });
    expect(id.getAttribute("aria-invalid")).toBeNull();
  });

  it("will not run the previous sample as if it were the record before one is fetched", () => {
    const { sent } = setup();
    chooseRecord();
    fireEvent.click(screen.getByRole("button", { name: "Fetch" }));
    screen.getByText("Type the deal id first.");
    fireEvent.click(screen.getByRole("button", { name: "Run test" }));
    expect(sent).toEqual([]);
    screen.getByText("Fetch a record from HubSpot first, or choose other sample data.");
  });
});

describe("test panel: a raw CRM webhook event", () => {
  it("starts from the trigger CRM's sample webhook body, sends it as the event, and goes back to the sample deal", async () => {
    const { sent } = setup();
    fireEvent.change(screen.getByLabelText("The JSON is"), { target: { value: "event" } });
    const event = JSON.parse((screen.getByLabelText("CRM event (JSON)") as HTMLTextAreaElement).value);
    // HubSpot sends a batch; the sample names the demo deal with a stage change to Closed Won.
    expect(event[0]).toMatchObject({ subscriptionType: "deal.propertyChange", objectId: 24587310912, propertyName: "dealstage", propertyValue: "closedwon" });
    fireEvent.click(screen.getByRole("button", { name: /Run test/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ event });
    fireEvent.click(screen.getByRole("button", { name: /Change|Edit/ }));
    fireEvent.change(screen.getByLabelText("The JSON is"), { target: { value: "deal" } });
    expect(JSON.parse(json$())).toMatchObject({ source: "hubspot" });
  });

  it("keeps the person's own JSON when they switch what it is", () => {
    setup();
    fireEvent.change(screen.getByLabelText("Sample data"), { target: { value: "custom" } });
    fireEvent.input(screen.getByLabelText("Deal (JSON)"), { target: { value: '{"mine": true}' } });
    fireEvent.change(screen.getByLabelText("The JSON is"), { target: { value: "event" } });
    expect((screen.getByLabelText("CRM event (JSON)") as HTMLTextAreaElement).value).toBe('{"mine": true}');
  });
});
