/**
 * Adding the next step after an output, through the node picker. There are three ways in — a dragged
 * connection dropped on empty canvas, an output's "+", and a connection's "+" — and two ways out: the
 * chosen step is added with its top centre at the spot worked out when the picker opened, connected
 * to that output; or, from a connection, it is inserted on it, between its two steps.
 */
import type { RefObject } from "preact";
import { useMemo, useRef, useState } from "preact/hooks";
import { nodeTitle, portsOf } from "../catalog";
import { canSitBetween, edgePort } from "../graph-rules";
import { DEFAULT_NODE_SIZE } from "../layout";
import { belowPort, freeSpot, placeBetween } from "../placement";
import type { BuilderState } from "../state";
import type { AddNext } from "./add-next";
import type { InsertStep } from "./insert-edge";
import type { Sizes } from "./measure";
import { NodePicker } from "./node-picker";

type Point = { x: number; y: number };

/** The node picker's box (builder.css), to keep it inside the canvas. */
const PICKER = { width: 300, height: 340 };

interface OpenPicker {
  /** The menu's corner, relative to the canvas box. */
  at: Point;
  /** The new step's top centre, in flow coordinates; or the connection it is inserted on. */
  to: { flowAt: Point } | { edgeId: string };
  from: { nodeId: string; port: string | null };
  /** The "+" that opened it: Escape gives it focus back, and the new step takes focus. */
  opener?: HTMLElement;
}

/**
 * Focuses a node that has just been added, once React Flow shows it (it stays hidden until
 * measured), so a keyboard user who added it with "+" carries on from there rather than from the
 * top of the page. Gives up after a few frames.
 */
function focusAddedNode(container: HTMLElement | null, id: string, frames = 10) {
  const el = container?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  // Without scrolling: the canvas brings the step into view itself (reveal.tsx), on a phone's page too.
  if (el && getComputedStyle(el).visibility !== "hidden") return el.focus({ preventScroll: true });
  if (frames > 0) requestAnimationFrame(() => focusAddedNode(container, id, frames - 1));
}

export interface NextStepOptions {
  state: BuilderState;
  /** The canvas box: the picker is placed in it. */
  wrapper: RefObject<HTMLDivElement>;
  /** Measured node sizes, to hang a step below the one it follows. */
  sizes: RefObject<Sizes>;
  readOnly?: boolean;
  onRefused: (reason: string) => void;
  /** A step was added (and selected). */
  onAdded?: (nodeId: string) => void;
}

/**
 * The picker's state. `offer` opens it (a dropped connection); `addNext` is what an output's "+"
 * calls and `insertStep` what a connection's "+" calls, each one function for the canvas's whole
 * life (nodes and edges read them from context), null when read-only; `picker` is the open menu to
 * render inside the canvas box.
 */
export function useNextStep({ state, wrapper, sizes, readOnly, onRefused, onAdded }: NextStepOptions) {
  const [open, setOpen] = useState<OpenPicker | null>(null);

  /** Opens the menu at `menuAt` (a screen point, kept inside the canvas) for a step that goes `to` there. */
  function offer(from: OpenPicker["from"], menuAt: Point, to: OpenPicker["to"], opener?: HTMLElement) {
    const box = wrapper.current?.getBoundingClientRect();
    if (!box) return;
    const x = Math.max(0, Math.min(menuAt.x - box.left, box.width - PICKER.width));
    const y = Math.max(0, Math.min(menuAt.y - box.top, box.height - PICKER.height));
    setOpen({ at: { x, y }, to, from, opener });
  }

  /** An output's "+": the menu beside the button, the step below the node in that port's lane. */
  const latest = useRef<AddNext>(() => undefined);
  latest.current = (from, button) => {
    const source = state.nodeById.value.get(from.nodeId);
    if (!source) return;
    const ports = portsOf(state.catalog.byType.get(source.type), source.config);
    const b = button.getBoundingClientRect();
    const below = belowPort(source, sizes.current?.[source.id] ?? DEFAULT_NODE_SIZE, ports, from.port);
    const half = DEFAULT_NODE_SIZE.width / 2;
    const spot = freeSpot(state, { x: below.x - half, y: below.y });
    offer(from, { x: b.right + 8, y: b.top }, { flowAt: { x: spot.x + half, y: spot.y } }, button);
  };
  const addNext = useMemo<AddNext | null>(() => (readOnly ? null : (from, button) => latest.current(from, button)), [readOnly]);

  /** A connection's "+": the menu beside the button; the step goes between the connection's two steps. */
  const latestInsert = useRef<InsertStep>(() => undefined);
  latestInsert.current = (edgeId, button) => {
    const edge = state.edges.value.find((e) => e.id === edgeId);
    const source = edge && state.nodeById.value.get(edge.source);
    if (!edge || !source) return;
    const b = button.getBoundingClientRect();
    offer({ nodeId: source.id, port: edgePort(edge, source, state.catalog) }, { x: b.right + 8, y: b.top }, { edgeId }, button);
  };
  const insertStep = useMemo<InsertStep | null>(() => (readOnly ? null : (edgeId, button) => latestInsert.current(edgeId, button)), [readOnly]);

  /** Inserts a `type` step on the connection `edgeId`, placed between its steps (`placeBetween`). */
  function insertOn(edgeId: string, type: string) {
    const edge = state.edges.value.find((e) => e.id === edgeId);
    if (!edge) return { ok: false as const, reason: "That connection no longer exists" };
    const { position, moves } = placeBetween(state.definition.value, state.catalog, edge, (id) => sizes.current?.[id]);
    return state.insertNode(edgeId, type, position, moves);
  }

  const fromNode = open ? state.nodeById.value.get(open.from.nodeId) : undefined;
  const edgeId = open && "edgeId" in open.to ? open.to.edgeId : null;
  const edge = edgeId ? state.edges.value.find((e) => e.id === edgeId) : undefined;
  const toNode = edge ? state.nodeById.value.get(edge.target) : undefined;
  const picker = open ? (
    <NodePicker
      key={`${open.from.nodeId}\u0000${open.from.port}\u0000${edge?.id ?? ""}`}
      catalog={state.catalog}
      at={open.at}
      after={fromNode ? nodeTitle(fromNode, state.catalog) : open.from.nodeId}
      before={toNode ? nodeTitle(toNode, state.catalog) : undefined}
      only={edge ? (t) => canSitBetween(state.catalog, t.type) : undefined}
      onClose={(how) => {
        setOpen(null);
        if (how === "escape") open.opener?.focus();
      }}
      onPick={(type) => {
        const r = "edgeId" in open.to ? insertOn(open.to.edgeId, type) : state.addNode(type, { x: open.to.flowAt.x - DEFAULT_NODE_SIZE.width / 2, y: open.to.flowAt.y }, { connectFrom: open.from });
        setOpen(null);
        if (!r.ok) return onRefused(r.reason);
        onAdded?.(r.id);
        if (open.opener) focusAddedNode(wrapper.current, r.id);
      }}
    />
  ) : null;

  return { offer, addNext, insertStep, picker };
}
