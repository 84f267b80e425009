/**
 * The "+" under a node's free outputs: which ports are free (from the draft's edges), that only an
 * editable canvas offers it, and that pressing it adds the chosen step connected to that port.
 *
 * Most cases draw the "+" buttons for the flow nodes the canvas would get, through the real button,
 * context, picker and state, so each can be checked on its own; the last renders the whole builder
 * page with React Flow, and test/e2e/builder-add-next.test.ts drives the canvas in Chromium.
 */
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { useRef } from "preact/hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { AddNextButton, AddNextContext } from "../../web/builder/canvas/add-next";
import { toFlowNodes } from "../../web/builder/canvas/flow-model";
import { useNextStep } from "../../web/builder/canvas/next-step";
import { belowPort } from "../../web/builder/placement";
import { DEFAULT_NODE_SIZE } from "../../web/builder/layout";
import { createBuilderState, type BuilderState } from "../../web/builder/state";
import type { Definition, WorkflowDetail } from "../../web/lib/api-types";
import { catalog } from "./builder-fixtures";
import { builderPageRoutes } from "./builder-page";
import { fakeFetch, renderApp } from "./helpers";

/** Trigger → "Is enterprise?" whose Yes goes to End; its No is free. */
const branching = (): Definition => ({
  nodes: [
    { id: "trigger", type: "trigger.hubspot", position: { x: 0, y: 0 }, config: {} },
    { id: "check", type: "logic.condition", name: "Is enterprise?", position: { x: 0, y: 160 }, config: { combine: "all", rules: [] } },
    { id: "done", type: "end", position: { x: -140, y: 320 }, config: { outcome: "completed" } },
  ],
  edges: [
    { id: "e1", source: "trigger", target: "check" },
    { id: "e2", source: "check", sourcePort: "true", target: "done" },
  ],
});

const freePorts = (definition: Definition, editable: boolean) => Object.fromEntries(toFlowNodes({ definition, catalog, editable }).map((n) => [n.id, n.data.freePorts]));

/**
 * Every port of every flow node with its "+" as the canvas's nodes place them, under the canvas's
 * context and picker (as BuilderCanvas wires them); `readOnly` as for an archived workflow.
 */
function Ports({ state, readOnly = false, onRefused }: { state: BuilderState; readOnly?: boolean; onRefused: (r: string) => void }) {
  const wrapper = useRef<HTMLDivElement>(null);
  const sizes = useRef({});
  const { addNext, picker } = useNextStep({ state, wrapper, sizes, readOnly, onRefused });
  const nodes = toFlowNodes({ definition: state.definition.value, catalog, editable: !readOnly });
  return (
    <div ref={wrapper}>
      <AddNextContext.Provider value={addNext}>
        {nodes.map((n) => (
          <div key={n.id} data-id={n.id}>
            {n.data.ports.map((p) => (
              <AddNextButton key={p.id} nodeId={n.id} data={n.data} port={p} />
            ))}
          </div>
        ))}
      </AddNextContext.Provider>
      {picker}
    </div>
  );
}

function renderPorts(def: Definition, readOnly = false) {
  const state = createBuilderState(catalog, def);
  const refused: string[] = [];
  const utils = render(<Ports state={state} readOnly={readOnly} onRefused={(r) => refused.push(r)} />);
  const plusNames = () => screen.queryAllByRole("button", { name: /^Add a step after/ }).map((b) => b.getAttribute("aria-label"));
  return { ...utils, state, refused, plusNames };
}

describe("free outputs", () => {
  it("are the ports no edge leaves from: a branching node's other port, none on End", () => {
    expect(freePorts(branching(), true)).toEqual({ trigger: [], check: ["false"], done: [] });
    const unlinked = branching();
    unlinked.edges = [];
    expect(freePorts(unlinked, true)).toEqual({ trigger: ["out"], check: ["true", "false"], done: [] });
  });

  it("are not worked out for a read-only canvas (a published version, a run)", () => {
    const unlinked = branching();
    unlinked.edges = [];
    expect(freePorts(unlinked, false)).toEqual({ trigger: [], check: [], done: [] });
  });
});

describe("the “+” under a free output", () => {
  it("shows only on a branching node's unconnected port, named after the step and the port", () => {
    const { plusNames } = renderPorts(branching());
    expect(plusNames()).toEqual(["Add a step after “Is enterprise?” — No"]);
  });

  it("names a single-output step without a port, and never shows under End", () => {
    const def = branching();
    def.edges = [];
    const { plusNames, container } = renderPorts(def);
    expect(plusNames()).toEqual(["Add a step after “HubSpot deal stage”", "Add a step after “Is enterprise?” — Yes", "Add a step after “Is enterprise?” — No"]);
    expect(container.querySelector('[data-id="done"] button')).toBeNull();
  });

  it("is not shown on an archived workflow's canvas", () => {
    const def = branching();
    def.edges = [];
    expect(renderPorts(def, true).plusNames()).toEqual([]);
  });

  it("neither drags, pans nor takes the node's keys, and its click does not reach the node", () => {
    const clicks: string[] = [];
    const data = toFlowNodes({ definition: branching(), catalog, editable: true }).find((n) => n.id === "check")!.data;
    render(
      <div onClick={() => clicks.push("node")}>
        <AddNextContext.Provider value={(from) => clicks.push(`${from.nodeId}.${from.port}`)}>
          <AddNextButton nodeId="check" data={data} port={data.ports[1]} />
        </AddNextContext.Provider>
      </div>,
    );
    const plus = screen.getByRole("button", { name: "Add a step after “Is enterprise?” — No" });
    expect([...plus.classList]).toEqual(expect.arrayContaining(["nodrag", "nopan", "nokey"]));
    fireEvent.click(plus);
    expect(clicks).toEqual(["check.false"]);
  });

  it("opens the node picker; the step chosen is added below, connected to that port, and the port's “+” goes", async () => {
    const { state, refused, plusNames } = renderPorts(branching());
    fireEvent.click(screen.getByRole("button", { name: "Add a step after “Is enterprise?” — No" }));

    const picker = screen.getByRole("dialog", { name: "Add a step after Is enterprise?" });
    fireEvent.input(screen.getByLabelText("Search steps"), { target: { value: "delay" } });
    fireEvent.click(picker.querySelector<HTMLButtonElement>("button.node-picker__item")!);

    expect(refused).toEqual([]);
    const added = state.nodes.value.at(-1)!;
    expect(added.type).toBe("logic.delay");
    expect(state.edges.value.find((e) => e.target === added.id)).toMatchObject({ source: "check", sourcePort: "false" });
    // Below the condition, in its second port's (right-hand) lane; its top centre where belowPort says.
    const spot = belowPort(state.nodeById.value.get("check")!, DEFAULT_NODE_SIZE, toFlowNodes({ definition: branching(), catalog }).find((n) => n.id === "check")!.data.ports, "false");
    expect(added.position).toEqual({ x: spot.x - DEFAULT_NODE_SIZE.width / 2, y: spot.y });
    expect(added.position.y).toBeGreaterThan(160 + DEFAULT_NODE_SIZE.height);
    expect(added.position.x).toBeGreaterThan(0);

    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(plusNames()).toEqual([`Add a step after “Delay”`]);
  });

  it("puts focus back on the “+” when the picker is closed with Escape", () => {
    const { state } = renderPorts(branching());
    const plus = screen.getByRole("button", { name: "Add a step after “Is enterprise?” — No" });
    fireEvent.click(plus);
    fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(plus);
    expect(state.nodes.value).toHaveLength(3);
  });
});

describe("where a step added with “+” goes", () => {
  it("one gap below its source, centred under a single output, in a lane per port for several", () => {
    const source = { id: "s", type: "x", position: { x: 100, y: 40 }, config: {} };
    const size = { width: 240, height: 100 };
    const one = [{ id: "out", label: "Next" }];
    const two = [
      { id: "true", label: "Yes" },
      { id: "false", label: "No" },
    ];
    expect(belowPort(source, size, one, "out")).toEqual({ x: 220, y: 196 });
    const [yes, no] = [belowPort(source, size, two, "true"), belowPort(source, size, two, "false")];
    expect(yes.y).toBe(196);
    expect(no.x - yes.x).toBeGreaterThan(DEFAULT_NODE_SIZE.width);
    expect((yes.x + no.x) / 2).toBe(220);
  });
});

describe("the node picker", () => {
  it("picks the step whose name matches on Enter, before one that only mentions the words", () => {
    const { state } = renderPorts(branching());
    fireEvent.click(screen.getByRole("button", { name: "Add a step after “Is enterprise?” — No" }));
    const search = screen.getByLabelText("Search steps");
    // "end" is also in the Condition's description ("…depending on…"); End is what was meant.
    fireEvent.input(search, { target: { value: "end" } });
    fireEvent.keyDown(search, { key: "Enter" });
    expect(state.nodes.value.at(-1)!.type).toBe("end");
  });

  it("prefers the shortest name that starts with the search", () => {
    const { state } = renderPorts(branching());
    fireEvent.click(screen.getByRole("button", { name: "Add a step after “Is enterprise?” — No" }));
    const search = screen.getByLabelText("Search steps");
    // "Assign CSM by hand" (People) is listed before "Assign CSM" (Actions); the exact-er name wins.
    fireEvent.input(search, { target: { value: "assign" } });
    fireEvent.keyDown(search, { key: "Enter" });
    expect(state.nodes.value.at(-1)!.type).toBe("action.assign_csm");
  });
});

describe("on the builder page", () => {
  beforeAll(async () => {
    // The builder is a lazy chunk with React Flow: load it once up front.
    await import("../../web/pages/workflows-builder");
  }, 60_000);

  const workflow = (status: WorkflowDetail["status"]): WorkflowDetail => ({
    id: "wf_1",
    name: "Routing",
    description: "",
    status,
    draft: branching(),
    publishedVersion: null,
    versions: [],
    reenroll: false,
    createdAt: "2026-03-01T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
  });
  const server = (status: WorkflowDetail["status"]) => fakeFetch(builderPageRoutes(() => workflow(status)));

  it("React Flow's nodes carry the “+” of their free outputs on a draft, and none once archived", async () => {
    // React Flow keeps nodes hidden until measured, which happy-dom never does: read the DOM, not roles.
    const pluses = (root: Element) => [...root.querySelectorAll(".react-flow__node button")].map((b) => `${b.closest(".react-flow__node")!.getAttribute("data-id")}: ${b.getAttribute("aria-label")}`);
    const draft = renderApp("/workflows/wf_1", server("draft"));
    await waitFor(() => expect(draft.container.querySelector('.react-flow__node[data-id="check"]')).toBeTruthy(), { timeout: 10_000 });
    expect(pluses(draft.container)).toEqual(["check: Add a step after “Is enterprise?” — No"]);
    draft.unmount();

    const archived = renderApp("/workflows/wf_1", server("archived"));
    await waitFor(() => expect(archived.container.querySelector('.react-flow__node[data-id="check"]')).toBeTruthy(), { timeout: 10_000 });
    expect(pluses(archived.container)).toEqual([]);
  });
});
