import { describe, expect, it } from "vitest";
import { getNodeType, maxAttemptsFor, nodeCatalog, nodeTypes } from "../../durable/registry";

const SPEC_TYPES = [
  "trigger.hubspot", "trigger.salesforce", "trigger.notion",
  "logic.condition", "logic.switch", "logic.delay",
  "human.approval", "human.review", "human.form", "human.handoff", "human.assign_csm",
  "action.extract_deal", "action.create_account", "action.assign_csm", "action.apply_template", "action.send_email", "action.update_crm", "action.set_data",
  "ai.transform", "ai.classify", "ai.generate",
  "end",
];

describe("registry", () => {
  it("holds exactly the node types of SPEC.md section 4", () => {
    expect([...nodeTypes.keys()]).toEqual(SPEC_TYPES);
    for (const [type, def] of nodeTypes) expect(type.startsWith(def.category === "end" ? "end" : def.category)).toBe(true);
  });

  it("never resolves inherited names", () => {
    expect(getNodeType("constructor")).toBeUndefined();
    expect(getNodeType("__proto__")).toBeUndefined();
    expect(getNodeType(42)).toBeUndefined();
  });

  it("gives action and ai nodes 5 attempts unless the config says otherwise", () => {
    expect(maxAttemptsFor(nodeTypes.get("action.send_email"), {})).toBe(5);
    expect(maxAttemptsFor(nodeTypes.get("ai.generate"), { maxAttempts: 2 })).toBe(2);
    expect(maxAttemptsFor(nodeTypes.get("action.send_email"), { maxAttempts: 11 })).toBe(5);
    expect(maxAttemptsFor(nodeTypes.get("logic.delay"), {})).toBe(1);
    expect(maxAttemptsFor(undefined, null)).toBe(1);
  });

  it("lets every action and ai config take maxAttempts 1..10, and no other category", () => {
    for (const def of nodeTypes.values()) {
      const shape = (def.config as unknown as { shape: Record<string, unknown> }).shape;
      expect("maxAttempts" in shape, def.type).toBe(def.category === "action" || def.category === "ai");
    }
    const mail = nodeTypes.get("action.send_email")!.config;
    const base = { to: "a@b.example", subject: "s", body: "b" };
    expect(mail.safeParse({ ...base, maxAttempts: 10 }).success).toBe(true);
    expect(mail.safeParse({ ...base, maxAttempts: 0 }).success).toBe(false);
    expect(mail.safeParse({ ...base, maxAttempts: 11 }).success).toBe(false);
  });
});

describe("nodeCatalog", () => {
  const catalog = nodeCatalog();

  it("describes every type with JSON Schema and ports, as plain JSON", () => {
    expect(catalog.map((c) => c.type)).toEqual(SPEC_TYPES);
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
    for (const entry of catalog) {
      expect(entry.label.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeGreaterThan(0);
      expect(entry.schema).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" });
    }
  });

  it("lists fixed ports and describes dynamic ones", () => {
    const ports = Object.fromEntries(catalog.map((c) => [c.type, c.ports]));
    expect(ports["human.approval"]).toEqual(["approved", "rejected", "timeout"]);
    expect(ports["action.assign_csm"]).toEqual(["out", "none"]);
    expect(ports.end).toEqual([]);
    expect(ports["logic.switch"]).toEqual({ dynamic: true, from: "cases", fixed: ["default"] });
    expect(ports["ai.classify"]).toEqual({ dynamic: true, from: "labels", fixed: [], when: { review: "minConfidence" } });
  });

  it("marks templates and paths for the inspector", () => {
    const email = catalog.find((c) => c.type === "action.send_email")!.schema as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(email.properties.subject).toMatchObject({ type: "string", "x-widget": "template", title: "Subject" });
    expect(email.properties.maxAttempts).toMatchObject({ type: "integer", minimum: 1, maximum: 10 });
    expect(email.required).toEqual(["to", "subject", "body"]);
  });

  it("returns a fresh copy each time", () => {
    const first = nodeCatalog();
    first[0].label = "changed";
    expect(nodeCatalog()[0].label).not.toBe("changed");
  });
});
