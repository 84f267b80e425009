import type { ComponentChildren } from "preact";
import { errorMessage } from "../../lib/api";
import type { Loaded } from "../../lib/use-load";
import { Button } from "../button";
import { EmptyState } from "../empty-state";
import { LoadingBlock } from "../spinner";

export interface LoadableProps<T> {
  /** From `useLoad`. */
  loaded: Loaded<T>;
  /** Plural noun for the messages: "Loading users…", "Couldn't load users". */
  what: string;
  children: (data: T) => ComponentChildren;
}

/**
 * The loading → data | error states of one `useLoad`. Once data has arrived it keeps showing it
 * during reloads, so the layout does not jump.
 */
export function Loadable<T>({ loaded, what, children }: LoadableProps<T>) {
  const { state, reload } = loaded;
  if (state.data !== undefined) return <>{children(state.data)}</>;
  if (state.status === "error") {
    return (
      <EmptyState
        icon="alert"
        title={`Couldn't load ${what}`}
        action={
          <Button icon="refresh" onClick={reload}>
            Try again
          </Button>
        }
      >
        {errorMessage(state.error)}
      </EmptyState>
    );
  }
  return <LoadingBlock label={`Loading ${what}…`} />;
}
