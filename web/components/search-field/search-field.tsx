import { useId, useRef } from "preact/hooks";
import { cx } from "../../lib/cx";
import { MAX_SEARCH } from "../../lib/search";
import { Icon } from "../icon";
import "./search-field.css";

export interface SearchFieldProps {
  /** The box's accessible name, saying what it searches: "Search accounts". */
  label: string;
  /**
   * Show the label before the box (the Runs toolbar's "Search"). Otherwise it is for assistive
   * technology only, and the magnifier and the placeholder say what the box is.
   */
  showLabel?: boolean;
  value: string;
  /** Each change typed in the box. */
  onInput: (text: string) => void;
  /** The box was cleared with its × button or Escape. */
  onClear: () => void;
  /** What the search looks at, e.g. "Name, domain, CRM id or CSM". */
  placeholder?: string;
  /** On the wrapper, for the page's layout (width, flex). */
  class?: string;
}

/**
 * A list's search box: a labelled `type="search"` input with a × that clears it (Escape does too,
 * and the focus stays in the box). The page keeps the text (in the address) and decides when to ask
 * the list again — see `useSettledSearch` in lib/search.ts.
 */
export function SearchField({ label, showLabel, value, onInput, onClear, placeholder, class: cls }: SearchFieldProps) {
  const id = `search-${useId()}`;
  const input = useRef<HTMLInputElement>(null);
  return (
    <div class={cx("search-field", cls)}>
      <label class={showLabel ? "search-field__label" : "visually-hidden"} for={id}>
        {label}
      </label>
      <div class="search-field__box">
        <input
          ref={input}
          id={id}
          type="search"
          class="control control--search search-field__input"
          value={value}
          maxLength={MAX_SEARCH}
          placeholder={placeholder}
          autoComplete="off"
          spellcheck={false}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Escape empties a box that has text (and goes no further: it is not a dialog's Escape).
            if (e.key !== "Escape" || !value) return;
            e.preventDefault();
            e.stopPropagation();
            onClear();
          }}
        />
        {value ? (
          // Named by its own (hidden) text, not an aria-label: a label lookup for the box ("Search",
          // which Playwright's getByLabel also matches inside "Clear search") then finds the box alone.
          <button
            type="button"
            class="search-field__clear"
            title="Clear search"
            onClick={() => {
              onClear();
              input.current?.focus();
            }}
          >
            <Icon name="close" size={14} />
            <span class="visually-hidden">Clear search</span>
          </button>
        ) : null}
      </div>
    </div>
  );
}
