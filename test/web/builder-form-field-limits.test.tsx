/**
 * A human step's form fields in the builder: "Max length" for text-like fields and "Not before
 * today" for dates (durable/lib/form.ts `FieldSchema`). Each shows only where it applies, survives
 * edits of the field's other properties, and goes when the field's type no longer takes it — the
 * server refuses a config that keeps it, so the draft could not be published.
 */
import { fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { FieldListSchema } from "../../durable/lib/form";
import { SchemaForm } from "../../web/builder/forms/schema-form";
import { LookupsContext, staticLookups } from "../../web/builder/lookups";
import type { Definition, WorkflowDetail } from "../../web/lib/api-types";
import { schemaOf } from "./builder-fixtures";
import { builderPageRoutes } from "./builder-page";
import { fakeFetch, json, renderApp } from "./helpers";

type Obj = Record<string, unknown>;

const lookups = staticLookups({ pools: [], users: [], templates: [], connectors: [] });

const FIELDS = [
  { key: "champion", label: "Champion", type: "text", maxLength: 80 },
  { key: "kickoff", label: "Kickoff date", type: "date", required: true, notBefore: "today" },
  { key: "notes", label: "Notes", type: "textarea" },
  { key: "seats", label: "Seats", type: "number" },
];

/** The handoff step's config form, its value kept in state as the inspector does. */
function renderHandoff() {
  let config: Obj = { title: "Handoff", recipient: "ae@example.com", fields: FIELDS };
  function Harness() {
    const [value, setValue] = useState(config);
    return (
      <LookupsContext.Provider value={lookups}>
        <SchemaForm
          schema={schemaOf("human.handoff")}
          nodeType="human.handoff"
          value={value}
          onChange={(v) => {
            config = v;
            setValue(v);
          }}
        />
      </LookupsContext.Provider>
    );
  }
  render(<Harness />);
  const item = (n: number, title: string) => within(screen.getByRole("region", { name: `Field ${n}: ${title}` }));
  const fields = () => config.fields as Obj[];
  return { item, fields };
}

describe("a form field's limits in the step editor", () => {
  it("shows Max length for text-like fields (the type's default as placeholder) and Not before today for dates only", () => {
    const { item } = renderHandoff();
    const champion = item(1, "Champion").getByLabelText("Max length (optional)") as HTMLInputElement;
    expect(champion.value).toBe("80");
    expect(champion.placeholder).toBe("500");
    expect(champion.type).toBe("number");
    expect((item(3, "Notes").getByLabelText("Max length (optional)") as HTMLInputElement).placeholder).toBe("5000");
    expect((item(2, "Kickoff date").getByRole("checkbox", { name: "Not before today" }) as HTMLInputElement).checked).toBe(true);

    expect(item(1, "Champion").queryByLabelText("Not before today")).toBeNull();
    expect(item(2, "Kickoff date").queryByLabelText("Max length (optional)")).toBeNull();
    expect(item(4, "Seats").queryByLabelText("Max length (optional)")).toBeNull();
    expect(item(4, "Seats").queryByLabelText("Not before today")).toBeNull();
    // No free-text box for notBefore, as the generic form drew for its `const: "today"`.
    expect(screen.queryByLabelText("Not before (optional)")).toBeNull();
  });

  it("keeps both when the field's label, required or a compatible type is changed", () => {
    const { item, fields } = renderHandoff();
    fireEvent.input(item(1, "Champion").getByLabelText("Label"), { target: { value: "Executive champion" } });
    fireEvent.click(item(2, "Kickoff date").getByRole("checkbox", { name: "Required" }));
    fireEvent.input(item(2, "Kickoff date").getByLabelText("Label"), { target: { value: "Kickoff" } });
    fireEvent.change(item(1, "Executive champion").getByLabelText("Type"), { target: { value: "textarea" } });
    expect(fields().slice(0, 2)).toEqual([
      { key: "champion", label: "Executive champion", type: "textarea", maxLength: 80 },
      { key: "kickoff", label: "Kickoff", type: "date", required: false, notBefore: "today" },
    ]);
    expect(FieldListSchema.safeParse(fields()).success).toBe(true);
  });

  it("drops the setting a new type does not take, so the config stays publishable", () => {
    const { item, fields } = renderHandoff();
    fireEvent.change(item(1, "Champion").getByLabelText("Type"), { target: { value: "number" } });
    fireEvent.change(item(2, "Kickoff date").getByLabelText("Type"), { target: { value: "email" } });
    expect(fields().slice(0, 2)).toEqual([
      { key: "champion", label: "Champion", type: "number" },
      { key: "kickoff", label: "Kickoff date", type: "email", required: true },
    ]);
    expect(FieldListSchema.safeParse(fields()).success).toBe(true);
    expect(item(1, "Champion").queryByLabelText("Max length (optional)")).toBeNull();
    const email = item(2, "Kickoff date").getByLabelText("Max length (optional)") as HTMLInputElement;
    expect([email.value, email.placeholder]).toEqual(["", "254"]);
    expect(item(2, "Kickoff date").queryByLabelText("Not before today")).toBeNull();
  });

  it("sets and clears them: a number of characters, and notBefore “today” while ticked", () => {
    const { item, fields } = renderHandoff();
    const notes = item(3, "Notes").getByLabelText("Max length (optional)");
    fireEvent.input(notes, { target: { value: "1200" } });
    expect(fields()[2]).toEqual({ key: "notes", label: "Notes", type: "textarea", maxLength: 1200 });
    fireEvent.input(notes, { target: { value: "" } });
    expect(fields()[2]).toEqual({ key: "notes", label: "Notes", type: "textarea" });

    const past = item(2, "Kickoff date").getByRole("checkbox", { name: "Not before today" });
    fireEvent.click(past);
    expect(fields()[1]).toEqual({ key: "kickoff", label: "Kickoff date", type: "date", required: true });
    fireEvent.click(past);
    expect(fields()[1]).toMatchObject({ notBefore: "today" });
  });

  it("still shows a setting the type does not take (e.g. from an import), so it can be seen and cleared", () => {
    let config: Obj = { title: "Handoff", recipient: "ae@example.com", fields: [{ key: "n", label: "N", type: "number", maxLength: 3, notBefore: "today" }] };
    function Harness() {
      const [value, setValue] = useState(config);
      return (
        <SchemaForm
          schema={schemaOf("human.handoff")}
          nodeType="human.handoff"
          value={value}
          errors={{ "fields.0.maxLength": "Only text, e-mail and person fields take a maximum length" }}
          onChange={(v) => {
            config = v;
            setValue(v);
          }}
        />
      );
    }
    render(<Harness />);
    expect(screen.getByText("Only text, e-mail and person fields take a maximum length")).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Max length (optional)"), { target: { value: "" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Not before today" }));
    expect(config.fields).toEqual([{ key: "n", label: "N", type: "number" }]);
    expect(screen.queryByLabelText("Max length (optional)")).toBeNull();
    expect(screen.queryByLabelText("Not before today")).toBeNull();
  });
});

describe("on the builder page", () => {
  beforeAll(async () => {
    // The builder is a lazy chunk with React Flow: load it once up front.
    await import("../../web/pages/workflows-builder");
  }, 60_000);

  const draft = (): Definition => ({
    nodes: [
      { id: "trigger", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: { connectorId: "con_hs", stageIds: ["closedwon"] } },
      { id: "handoff", type: "human.handoff", name: "AE handoff", position: { x: 0, y: 160 }, config: { title: "Handoff", recipient: "ae@example.com", fields: FIELDS } },
      { id: "done", type: "end", position: { x: 0, y: 320 }, config: { outcome: "completed" } },
    ],
    edges: [
      { id: "e1", source: "trigger", target: "handoff" },
      { id: "e2", source: "handoff", sourcePort: "done", target: "done" },
    ],
  });
  const workflow: WorkflowDetail = {
    id: "wf_1",
    name: "Handoff",
    description: "",
    status: "draft",
    draft: draft(),
    publishedVersion: null,
    versions: [],
    reenroll: false,
    createdAt: "2026-03-01T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
  };

  it("saves a field's label edit with its max length and “not before today” kept", async () => {
    const fetch = fakeFetch({ ...builderPageRoutes(() => workflow), "PUT /api/workflows/wf_1": (c) => json(200, { ...workflow, ...(c.body as Obj) }) });
    const { container } = renderApp("/workflows/wf_1", fetch);
    await waitFor(() => expect(container.querySelector('.react-flow__node[data-id="handoff"]')).toBeTruthy(), { timeout: 10_000 });
    fireEvent.click(container.querySelector('.react-flow__node[data-id="handoff"]')!);
    const field = within(await screen.findByRole("region", { name: "Field 1: Champion" }));
    expect((field.getByLabelText("Max length (optional)") as HTMLInputElement).value).toBe("80");
    fireEvent.input(field.getByLabelText("Label"), { target: { value: "Executive champion" } });

    const put = await waitFor(
      () => {
        const call = fetch.calls.find((c) => c.method === "PUT" && c.path === "/api/workflows/wf_1");
        expect(call).toBeTruthy();
        return call!;
      },
      { timeout: 5_000 },
    );
    const saved = (put.body as { draft: Definition }).draft.nodes.find((n) => n.id === "handoff")!.config.fields as Obj[];
    expect(saved.slice(0, 2)).toEqual([
      { key: "champion", label: "Executive champion", type: "text", maxLength: 80 },
      { key: "kickoff", label: "Kickoff date", type: "date", required: true, notBefore: "today" },
    ]);
  }, 20_000);
});
