import { fireEvent, render, screen, within } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { describe, expect, it } from "vitest";
import { SchemaForm } from "../../web/builder/forms/schema-form";
import { fieldKind, newListItem, parseRuleValue } from "../../web/builder/forms/schema";
import { LookupsContext, staticLookups } from "../../web/builder/lookups";
import { schemaOf } from "./builder-fixtures";

const lookups = staticLookups({
  pools: [
    { id: "pool_senior", name: "Senior CSMs", members: [{ userId: "u1", weight: 2, capacity: 10 }] },
    { id: "pool_general", name: "General pool", members: [] },
  ],
  users: [{ id: "u1", name: "Casey Chen", email: "csm1@example.com", role: "csm", active: true, outOfOffice: false, createdAt: "" }],
  templates: [
    { id: "tpl_ent", name: "Enterprise onboarding" },
    { id: "tpl_std", name: "Standard onboarding" },
  ],
  connectors: [{ id: "conn_sf", kind: "salesforce", name: "Salesforce (demo)", status: "connected", mode: "demo" }],
});

/** A node's config form with its value kept in state, as the inspector does; `changes` records every emitted config. */
function renderForm(type: string, initial: Record<string, unknown>, errors: Record<string, string> = {}) {
  const changes: Record<string, unknown>[] = [];
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <LookupsContext.Provider value={lookups}>
        <SchemaForm
          schema={schemaOf(type)}
          nodeType={type}
          value={value}
          errors={errors}
          paths={["deal.arr", "deal.company.name"]}
          onChange={(v) => {
            changes.push(v);
            setValue(v);
          }}
        />
      </LookupsContext.Provider>
    );
  }
  render(<Harness />);
  return { changes, last: () => changes[changes.length - 1] };
}

describe("reading the catalog's JSON Schemas", () => {
  it("picks a control per property from x-widget and type", () => {
    const sf = schemaOf("trigger.salesforce").properties!;
    expect(fieldKind(sf.connectorId)).toEqual({ kind: "widget", widget: "connector:salesforce" });
    const assign = schemaOf("action.assign_csm").properties!;
    expect(fieldKind(assign.poolId)).toEqual({ kind: "widget", widget: "pool" });
    expect(fieldKind(assign.strategy)).toEqual({ kind: "enum", options: ["round_robin", "weighted", "least_loaded"] });
    expect(fieldKind(assign.respectCapacity)).toEqual({ kind: "boolean" });
    expect(fieldKind(assign.maxAttempts)).toEqual({ kind: "number", integer: true });
    expect(fieldKind(schemaOf("logic.condition").properties!.rules)).toEqual({ kind: "rules" });
    expect(fieldKind(schemaOf("logic.switch").properties!.cases)).toEqual({ kind: "object-list" });
    expect(fieldKind(schemaOf("action.set_data").properties!.values)).toEqual({ kind: "map", widget: "path-template-map" });
    expect(fieldKind(schemaOf("human.approval").properties!.assignee)).toEqual({ kind: "widget", widget: "assignee" });
    expect(fieldKind(schemaOf("action.create_account").properties!.mapping)).toEqual({ kind: "object" });
  });

  it("starts new list items with unique ids and required values", () => {
    const cases = schemaOf("logic.switch").properties!.cases;
    const item = newListItem("cases", cases.items!, [{ id: "case_1" }]);
    expect(item).toEqual({ id: "case_2", label: "Case 2", combine: "all", rules: [{ field: "", op: "eq", value: "" }] });
  });

  it("reads typed rule values: numbers for comparisons, lists for in, no value for exists", () => {
    expect(parseRuleValue("gte", "100000")).toBe(100000);
    expect(parseRuleValue("gte", "1e")).toBe("1e");
    expect(parseRuleValue("eq", "Closed Won")).toBe("Closed Won");
    expect(parseRuleValue("eq", "true")).toBe(true);
    expect(parseRuleValue("in", "EMEA, NA, 3")).toEqual(["EMEA", "NA", 3]);
    expect(parseRuleValue("exists", "anything")).toBeUndefined();
  });
});

describe("config forms generated from schemas", () => {
  it("Assign CSM: a pool picker, the strategy in words, switches that default on", () => {
    const f = renderForm("action.assign_csm", { strategy: "round_robin" }, { poolId: "Choose a pool" });
    const pool = screen.getByLabelText("Pool") as HTMLSelectElement;
    expect([...pool.options].map((o) => o.text)).toEqual(["Choose a pool…", "Senior CSMs (1 member)", "General pool (0 members)"]);
    expect(screen.getByText("Choose a pool")).toBeTruthy();
    expect(pool.getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(pool, { target: { value: "pool_senior" } });
    expect(f.last()).toEqual({ strategy: "round_robin", poolId: "pool_senior" });
    fireEvent.change(screen.getByLabelText("Strategy"), { target: { value: "weighted" } });
    expect(f.last()).toMatchObject({ strategy: "weighted" });
    expect((screen.getByLabelText("Respect capacity") as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText("Same CSM for the same domain"));
    expect(f.last()).toMatchObject({ stickyByDomain: true });
    // Optional number: typed, then cleared → the key goes away.
    const attempts = screen.getByLabelText("Attempts (optional)");
    fireEvent.input(attempts, { target: { value: "3" } });
    expect(f.last()).toMatchObject({ maxAttempts: 3 });
    fireEvent.input(attempts, { target: { value: "" } });
    expect("maxAttempts" in f.last()).toBe(false);
  });

  it("Switch: cases with rules; adding a case gives it a new port id; values typed as numbers", () => {
    const f = renderForm("logic.switch", { cases: [{ id: "case_1", label: "Case 1", combine: "all", rules: [{ field: "", op: "eq", value: "" }] }] });
    fireEvent.input(screen.getByLabelText("Label"), { target: { value: "Enterprise" } });
    fireEvent.input(screen.getByLabelText("Field of rule 1"), { target: { value: "deal.arr" } });
    fireEvent.change(screen.getByLabelText("Operator of rule 1"), { target: { value: "gte" } });
    fireEvent.input(screen.getByLabelText("Value of rule 1"), { target: { value: "100000" } });
    expect(f.last()).toEqual({ cases: [{ id: "case_1", label: "Enterprise", combine: "all", rules: [{ field: "deal.arr", op: "gte", value: 100000 }] }] });
    expect(screen.getByRole("region", { name: "Case 1: Enterprise" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add case" }));
    expect((f.last().cases as { id: string }[]).map((c) => c.id)).toEqual(["case_1", "case_2"]);
    fireEvent.click(screen.getByRole("button", { name: "Remove case 1" }));
    expect((f.last().cases as { id: string }[]).map((c) => c.id)).toEqual(["case_2"]);
  });

  it("Salesforce trigger: connector picker and the CRM's stages as checkboxes, plus others typed in", () => {
    const f = renderForm("trigger.salesforce", { connectorId: "", stages: [] });
    fireEvent.change(screen.getByLabelText("Salesforce connector"), { target: { value: "conn_sf" } });
    fireEvent.click(screen.getByLabelText("Closed Won"));
    expect(f.last()).toEqual({ connectorId: "conn_sf", stages: ["Closed Won"] });
    fireEvent.input(screen.getByLabelText("Other stages (optional)"), { target: { value: "Signed, " } });
    expect(f.last()).toEqual({ connectorId: "conn_sf", stages: ["Closed Won", "Signed"] });
    // What was typed stays as typed (the trailing comma), while it still means the same value.
    expect((screen.getByLabelText("Other stages (optional)") as HTMLInputElement).value).toBe("Signed, ");
  });

  it("HubSpot trigger without a connector of its kind: the id can be typed, and the hint says where to add one", () => {
    const f = renderForm("trigger.hubspot", { connectorId: "", stageIds: ["closedwon"] });
    const input = screen.getByLabelText("HubSpot connector");
    expect(input.tagName).toBe("INPUT");
    expect(screen.getByText(/No HubSpot connector yet/)).toBeTruthy();
    fireEvent.input(input, { target: { value: "conn_hs" } });
    expect(f.last()).toEqual({ connectorId: "conn_hs", stageIds: ["closedwon"] });
    expect((screen.getByLabelText("Closed Won") as HTMLInputElement).checked).toBe(true);
  });

  it("Approval: assignee as a person, a pool or an address; the escalation target is optional", () => {
    const f = renderForm("human.approval", { title: "Approve {{deal.name}}", assignee: { poolId: "" } });
    const group = screen.getByRole("group", { name: "Assignee" });
    fireEvent.change(within(group).getByLabelText("Pool"), { target: { value: "pool_general" } });
    expect(f.last()).toMatchObject({ assignee: { poolId: "pool_general" } });
    fireEvent.change(within(group).getByLabelText("Goes to"), { target: { value: "user" } });
    fireEvent.change(within(group).getByLabelText("Person"), { target: { value: "u1" } });
    expect(f.last()).toMatchObject({ assignee: { userId: "u1" } });
    const escalate = screen.getByRole("group", { name: "Assignee (optional)" });
    expect((within(escalate).getByLabelText("Goes to") as HTMLSelectElement).value).toBe("");
    // The title is a template: a run-data field can be inserted.
    fireEvent.change(screen.getByLabelText("Insert a run-data field into Title"), { target: { value: "deal.company.name" } });
    expect(String(f.last().title)).toContain("{{deal.company.name}}");
  });

  it("Apply template: a fixed template, or rules with a default", () => {
    const f = renderForm("action.apply_template", { templateId: "" }, { templateId: "Choose a template" });
    expect(screen.getByText("Choose a template")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Template"), { target: { value: "tpl_std" } });
    expect(f.last()).toEqual({ templateId: "tpl_std" });
    fireEvent.change(screen.getByLabelText("Which template"), { target: { value: "rules" } });
    expect(f.last()).toEqual({ rules: [{ combine: "all", rules: [{ field: "", op: "eq", value: "" }], templateId: "tpl_std" }], defaultTemplateId: "" });
    fireEvent.change(screen.getByLabelText("Otherwise use"), { target: { value: "tpl_ent" } });
    expect(f.last()).toMatchObject({ defaultTemplateId: "tpl_ent" });
  });

  it("Set data: path → template rows that survive a half-typed name", () => {
    const f = renderForm("action.set_data", { values: {} });
    fireEvent.click(screen.getByRole("button", { name: "Add data path" }));
    expect(screen.getByLabelText("Data path 1")).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Data path 1"), { target: { value: "account.tier" } });
    fireEvent.input(screen.getByLabelText("Value 1"), { target: { value: "{{deal.plan}}" } });
    expect(f.last()).toEqual({ values: { "account.tier": "{{deal.plan}}" } });
  });

  it("shows the server's error under the field it names, and says when there is nothing to configure", () => {
    renderForm("logic.condition", { combine: "all", rules: [{ field: "deal.arr", op: "gte", value: "lots" }] }, { "rules.0.value": "Expected a number" });
    expect(screen.getByText("Expected a number")).toBeTruthy();
    expect(screen.getByLabelText("Value of rule 1").getAttribute("aria-invalid")).toBe("true");
  });
});
