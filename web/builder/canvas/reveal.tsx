/**
 * Bringing a step into view. A step added by hand (the palette's "+", an output's "+", a dropped
 * connection's picker, a drop) is placed below its source, which in a tall workflow is often below
 * the visible part of the canvas; on a phone the canvas is taller than what shows of it between the
 * palette and the bottom of the screen. This pans, briefly, just far enough that the step shows on
 * the screen and clear of the canvas's own controls and mini-map, keeping the zoom unless the step
 * cannot fit at it. When too little of the canvas is on screen for that, the page scrolls as well.
 */
import { useReactFlow, useStore, useStoreApi, type Rect, type Viewport } from "@xyflow/react";
import { useEffect, useRef } from "preact/hooks";
import { DEFAULT_NODE_SIZE } from "../layout";

const MARGIN = 40;
/** The space kept between a revealed step and a control it is moved off. */
const GAP = 8;
const DURATION = 220;

/** A box in the canvas pane's own pixels (0, 0 is the pane's top left). */
export interface PaneBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RevealOptions {
  margin?: number;
  /** The canvas's minimum zoom: a step is never zoomed out further to fit. */
  minZoom?: number;
}

const overlap = (a: PaneBox, b: PaneBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The viewport moved as little as possible so `rect` (flow coordinates) lies inside `area` (pane
 * pixels, less `margin`) and off every box in `avoid` (the zoom controls, the mini-map); or null
 * when it already does. The zoom stays, unless the step is too big for `area` at it: then it zooms
 * out just enough, with the step in the middle of the area.
 */
export function revealViewport(rect: Rect, view: Viewport, area: PaneBox, avoid: readonly PaneBox[] = [], { margin = MARGIN, minZoom = 0.2 }: RevealOptions = {}): Viewport | null {
  // Less margin in a small area (a phone's strip of canvas), so a step that fits there still does.
  const m = Math.min(margin, area.width / 10, area.height / 10);
  let { x, y, zoom } = view;
  const fit = Math.min((area.width - 2 * m) / rect.width, (area.height - 2 * m) / rect.height);
  if (fit < zoom) {
    zoom = Math.max(minZoom, fit);
    x = area.x + area.width / 2 - (rect.x + rect.width / 2) * zoom;
    y = area.y + area.height / 2 - (rect.y + rect.height / 2) * zoom;
  }
  const lo = { x: area.x + m, y: area.y + m };
  const hi = { x: area.x + area.width - m, y: area.y + area.height - m };
  const shift = (start: number, size: number, min: number, max: number) => (start < min ? min - start : start + size > max ? Math.max(max - start - size, min - start) : 0);
  const w = rect.width * zoom, h = rect.height * zoom;
  x += shift(rect.x * zoom + x, w, lo.x, hi.x);
  y += shift(rect.y * zoom + y, h, lo.y, hi.y);

  // Off a control that covers it: the smallest move that clears it and stays inside the area.
  const at = (dx: number, dy: number): PaneBox => ({ x: rect.x * zoom + x + dx, y: rect.y * zoom + y + dy, width: w, height: h });
  const fits = (b: PaneBox) => b.x >= lo.x - 0.5 && b.y >= lo.y - 0.5 && b.x + b.width <= hi.x + 0.5 && b.y + b.height <= hi.y + 0.5;
  const cover = avoid.find((o) => overlap(at(0, 0), o));
  if (cover) {
    const node = at(0, 0);
    const moves: [number, number][] = [
      [0, cover.y + cover.height + GAP - node.y],
      [0, cover.y - GAP - node.y - node.height],
      [cover.x + cover.width + GAP - node.x, 0],
      [cover.x - GAP - node.x - node.width, 0],
    ];
    const best = moves
      .filter(([dx, dy]) => fits(at(dx, dy)) && !avoid.some((o) => overlap(at(dx, dy), o)))
      .sort((a, b) => Math.abs(a[0]) + Math.abs(a[1]) - Math.abs(b[0]) - Math.abs(b[1]))[0];
    if (best) {
      x += best[0];
      y += best[1];
    }
  }
  const moved = Math.abs(x - view.x) > 0.5 || Math.abs(y - view.y) > 0.5 || zoom !== view.zoom;
  return moved ? { x, y, zoom } : null;
}

/** `revealViewport` in a whole pane of size `box`, with nothing to keep clear of. */
export const panToShow = (rect: Rect, view: Viewport, box: { width: number; height: number }, margin = MARGIN) => revealViewport(rect, view, { x: 0, y: 0, ...box }, [], { margin });

/**
 * The part of `pane` (a client rect) on the screen, in pane pixels; the whole pane when that part
 * cannot show a step of `need` pixels (the page is then scrolled to the step).
 */
export function visiblePart(pane: DOMRect, screen: { width: number; height: number }, need: { width: number; height: number }): { area: PaneBox; scroll: boolean } {
  const left = Math.max(pane.left, 0), top = Math.max(pane.top, 0);
  const right = Math.min(pane.right, screen.width), bottom = Math.min(pane.bottom, screen.height);
  const whole = { x: 0, y: 0, width: pane.width, height: pane.height };
  if (right - left < need.width || bottom - top < need.height) return { area: whole, scroll: true };
  return { area: { x: left - pane.left, y: top - pane.top, width: right - left, height: bottom - top }, scroll: false };
}

/** The canvas's zoom controls and mini-map, in pane pixels: what a revealed step is kept clear of. */
function controls(pane: Element): PaneBox[] {
  const p = pane.getBoundingClientRect();
  return [...pane.querySelectorAll(".react-flow__controls, .react-flow__minimap")].map((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - p.left, y: r.top - p.top, width: r.width, height: r.height };
  });
}

/**
 * A hook for inside <ReactFlow>: brings the node `id` into view (see `revealViewport`), once React
 * Flow has it; with `scrollPage`, scrolls the page to it too when too little of the canvas is on screen.
 */
export function useRevealNode() {
  const flow = useReactFlow();
  const store = useStoreApi();
  return (id: string, { duration = DURATION, scrollPage = true } = {}) => {
    const n = flow.getInternalNode(id);
    const pane = store.getState().domNode?.querySelector(".react-flow__renderer");
    if (!n || !pane) return;
    const { minZoom } = store.getState();
    const rect = { ...n.internals.positionAbsolute, width: n.measured.width ?? DEFAULT_NODE_SIZE.width, height: n.measured.height ?? DEFAULT_NODE_SIZE.height };
    const view = flow.getViewport();
    const box = pane.getBoundingClientRect();
    const need = { width: Math.min(box.width, rect.width * view.zoom + 2 * GAP), height: Math.min(box.height, rect.height * view.zoom + 2 * GAP) };
    const { area, scroll } = visiblePart(box, { width: innerWidth, height: innerHeight }, need);
    const to = revealViewport(rect, view, area, controls(pane), { minZoom });
    if (to) void flow.setViewport(to, { duration });
    if (!scroll || !scrollPage) return;
    // Too little of the canvas on screen (a phone's page scrolled off it): scroll the page to the step.
    const v = to ?? view;
    const top = box.top + rect.y * v.zoom + v.y;
    const bottom = top + rect.height * v.zoom;
    if (top < GAP) scrollBy({ top: top - MARGIN });
    else if (bottom > innerHeight - GAP) scrollBy({ top: Math.min(bottom - innerHeight + MARGIN, top - MARGIN) });
  };
}

const nodeIds = (s: { nodes: { id: string }[] }) => s.nodes.map((n) => n.id).join("\u0000");

/** Inside <ReactFlow>: brings a single step that appears into view. */
export function RevealAddedNode() {
  const reveal = useRevealNode();
  const ids = useStore(nodeIds);
  const before = useRef<Set<string> | null>(null);
  useEffect(() => {
    const now = new Set(ids ? ids.split("\u0000") : []);
    const prev = before.current;
    before.current = now;
    // Opening the workflow, a paste or an import: the view is framed by whoever did that.
    if (!prev) return;
    const added = [...now].filter((id) => !prev.has(id));
    if (added.length !== 1) return;
    // A frame later React Flow has measured the node.
    const frame = requestAnimationFrame(() => reveal(added[0]));
    return () => cancelAnimationFrame(frame);
  }, [ids]);
  return null;
}
