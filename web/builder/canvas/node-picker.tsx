import { useEffect, useRef, useState } from "preact/hooks";
import type { NodeTypeInfo } from "../../lib/api-types";
import { bestMatch, CATEGORIES, matchesSearch, type Catalog } from "../catalog";

export interface NodePickerProps {
  catalog: Catalog;
  /** Where the menu goes (where a connection was dropped, or beside a "+"), relative to the canvas box. */
  at: { x: number; y: number };
  /** What the new step follows, for the heading. */
  after: string;
  /** What it goes before, when it is inserted on a connection. */
  before?: string;
  /** The types offered, when not every non-trigger type fits (no End in the middle of a connection). */
  only?: (type: NodeTypeInfo) => boolean;
  onPick: (type: string) => void;
  /** Escape (focus can go back where it was) or a press outside the menu (focus goes where pressed). */
  onClose: (how: "escape" | "outside") => void;
}

/**
 * The menu that opens when a connection is dropped on empty canvas, an output's "+" or a
 * connection's "+" is pressed: choose a step type, and it is added below, or in between, and
 * connected. Triggers are left out (nothing leads into a trigger).
 */
export function NodePicker({ catalog, at, after, before, only = () => true, onPick, onClose }: NodePickerProps) {
  const [q, setQ] = useState("");
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLInputElement>("input")?.focus();
    const away = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) onClose("outside");
    };
    document.addEventListener("pointerdown", away, true);
    return () => document.removeEventListener("pointerdown", away, true);
  }, []);
  const groups = CATEGORIES.filter((c) => c.id !== "trigger")
    .map((c) => ({ ...c, types: catalog.types.filter((t) => t.category === c.id && only(t) && matchesSearch(t, q)) }))
    .filter((g) => g.types.length);
  const first = bestMatch(groups.flatMap((g) => g.types), q);
  const [title, name] = before ? [`Insert a step between “${after}” and “${before}”`, `Insert a step between ${after} and ${before}`] : [`Add a step after “${after}”`, `Add a step after ${after}`];
  return (
    <div
      ref={box}
      class="node-picker"
      role="dialog"
      aria-label={name}
      style={{ left: `${at.x}px`, top: `${at.y}px` }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose("escape");
        }
      }}
    >
      <p class="node-picker__title">{title}</p>
      <input
        class="control control--search node-picker__search"
        type="search"
        aria-label="Search steps"
        placeholder="Search steps…"
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && first) onPick(first.type);
        }}
      />
      <div class="node-picker__list">
        {groups.length === 0 ? <p class="node-picker__empty">No step matches “{q}”.</p> : null}
        {groups.map((g) => (
          <div key={g.id} role="group" aria-label={g.label}>
            <p class="node-picker__group">{g.label}</p>
            {g.types.map((t) => (
              <button key={t.type} type="button" class="node-picker__item" onClick={() => onPick(t.type)}>
                <span class="node-picker__label">{t.label}</span>
                <span class="node-picker__desc">{t.description}</span>
              </button>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
