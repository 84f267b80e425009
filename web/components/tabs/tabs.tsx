import type { ComponentChildren } from "preact";
import { useRef } from "preact/hooks";
import { cx } from "../../lib/cx";
import "./tabs.css";

export interface TabItem<T extends string> {
  id: T;
  label: ComponentChildren;
  /** A small count after the label (hidden when `null`/`undefined`). */
  count?: number | null;
}

export interface TabsProps<T extends string> {
  /** Names the tab list for assistive tech ("Queue views"). */
  label: string;
  tabs: readonly TabItem<T>[];
  current: T;
  onChange: (id: T) => void;
  /** Prefix of the tab and panel ids; the panel must use `tabPanelId(idPrefix)` and `tabId(idPrefix, current)`. */
  idPrefix: string;
}

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const tabPanelId = (prefix: string) => `${prefix}-panel`;

/**
 * A row of tabs (WAI-ARIA tabs pattern, automatic activation): Left/Right/Home/End move between
 * tabs and select them; only the selected tab is in the Tab order.
 */
export function Tabs<T extends string>({ label, tabs, current, onChange, idPrefix }: TabsProps<T>) {
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(e: KeyboardEvent) {
    const i = tabs.findIndex((t) => t.id === current);
    let next = -1;
    if (e.key === "ArrowRight") next = (i + 1) % tabs.length;
    else if (e.key === "ArrowLeft") next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onChange(tabs[next].id);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  }

  return (
    <div ref={list} class="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => {
        const selected = t.id === current;
        return (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={tabId(idPrefix, t.id)}
            class={cx("tab", selected && "is-selected")}
            aria-selected={selected}
            aria-controls={tabPanelId(idPrefix)}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(t.id)}
          >
            {t.label}
            {t.count !== null && t.count !== undefined ? <span class="tab__count">{t.count}</span> : null}
          </button>
        );
      })}
    </div>
  );
}
