/**
 * The node palette: step types by category with a search box. Drag an item onto the canvas, or use
 * its "+" button (keyboard friendly), which adds the step after the selected one and connects it.
 */
import { useState } from "preact/hooks";
import { Button } from "../components/button";
import { DND_TYPE } from "./canvas/builder-canvas";
import { CATEGORIES, matchesSearch } from "./catalog";
import type { BuilderState } from "./state";

export function Palette({ state, onAdd, disabled }: { state: BuilderState; onAdd: (type: string) => void; disabled?: boolean }) {
  const [q, setQ] = useState("");
  const groups = CATEGORIES.map((c) => ({ ...c, types: state.catalog.types.filter((t) => t.category === c.id && matchesSearch(t, q)) })).filter((g) => g.types.length);
  return (
    <aside id="palette" class="palette" aria-labelledby="palette-heading">
      <h2 id="palette-heading" class="panel-heading">
        Steps
      </h2>
      <input
        class="control control--search palette__search"
        type="search"
        aria-label="Search steps"
        placeholder="Search steps…"
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
      />
      {/* Read-only, every button is disabled: the list itself takes focus, so it can be scrolled from the keyboard. */}
      <div class="palette__groups" {...(disabled ? { tabIndex: 0, role: "region", "aria-label": "Step types (read-only)" } : {})}>
        {groups.length === 0 ? <p class="palette__empty">No step matches “{q}”.</p> : null}
        {groups.map((g) => (
          <section key={g.id} class="palette__group" aria-labelledby={`palette-${g.id}`}>
            <h3 id={`palette-${g.id}`} class="palette__heading">
              {g.label}
            </h3>
            {g.id === "trigger" && state.hasTrigger.value ? <p class="palette__note">This workflow has its trigger.</p> : null}
            <ul class="palette__list">
              {g.types.map((t) => {
                const refused = disabled ? "This workflow is read-only" : state.canAdd(t.type);
                return (
                  <li
                    key={t.type}
                    class={`palette-item palette-item--${t.category}${refused ? " is-disabled" : ""}`}
                    draggable={!refused}
                    data-node-type={t.type}
                    title={refused ?? t.description}
                    onDragStart={(e) => {
                      e.dataTransfer?.setData(DND_TYPE, t.type);
                      if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
                    }}
                  >
                    <span class="palette-item__text">
                      <span class="palette-item__label">{t.label}</span>
                      <span class="palette-item__desc">{t.description}</span>
                    </span>
                    <Button variant="ghost" size="sm" icon="plus" aria-label={`Add ${t.label}`} disabled={!!refused} onClick={() => onAdd(t.type)} />
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
