import "./search-field.css";
import type { ComponentChildren } from "preact";
import { Button } from "../button";
import { EmptyState } from "../empty-state";
import type { IconName } from "../icon";

export interface NoMatchesProps {
  icon: IconName;
  /** The list's things, plural: "accounts". */
  what: string;
  /** The search the list was asked for (trimmed). */
  q: string;
  /** Where the search looks, for the sentence "The search looks at …". */
  looksAt: string;
  /** What else narrows the list, when something does: "Only this CSM's accounts were searched." */
  scope?: ComponentChildren;
  /** Empties the search box, keeping the page's other filters. */
  onClear: () => void;
}

/** A searched list with nothing in it: what was searched for, where the search looks, and the way back. */
export function NoMatches({ icon, what, q, looksAt, scope, onClear }: NoMatchesProps) {
  return (
    <EmptyState
      icon={icon}
      title={
        <>
          No {what} match <span class="search-field__typed">“{q}”</span>
        </>
      }
      action={
        <Button size="sm" onClick={onClear}>
          Clear the search
        </Button>
      }
    >
      {scope ? <>{scope} </> : null}
      The search looks at {looksAt}.
    </EmptyState>
  );
}
