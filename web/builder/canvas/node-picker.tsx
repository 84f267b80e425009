import { useEffect, useRef, useState } from "preact/hooks";
import { bestMatch, CATEGORIES, matchesSearch, type Catalog } from "../catalog";

export interface NodePickerProps {
  catalog: Catalog;
  /** Where the menu goes (where a connection was dropped, or beside a "+"), relative to the canvas box. */
  at: { x: number; y: number };
  /** What the new step follows, for the heading. */
  after: string;
  onPick: (type: string) => void;
  /** Escape (focus can go back where it was) or a press outside the menu (focus goes where pressed). */
  onClose: (how: "escape" | "outside") => void;
}

/**
 * The menu that opens when a connection is dropped on empty canvas or an output's "+" is pressed:
 * choose a step type, and it is added below and connected. Triggers are left out (nothing leads
 * into a trigger).
 */
export function NodePicker({ catalog, at, after, onPick, onClose }: NodePickerProps) {
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
    .map((c) => ({ ...c, types: catalog.types.filter((t) => t.category === c.id && matchesSearch(t, q)) }))
    .filter((g) => g.types.length);
  const first = bestMatch(groups.flatMap((g) => g.types), q);
  return (
    <div
      ref={box}
      class="node-picker"
      role="dialog"
      aria-label={`Add a step after ${after}`}
      style={{ left: `${at.x}px`, top: `${at.y}px` }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose("escape");
        }
      }}
    >
      <p class="node-picker__title">Add a step after “{after}”</p>
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
