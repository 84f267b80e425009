import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export type LoadState<T> =
  | { status: "loading"; data: T | undefined; error: null }
  | { status: "ready"; data: T; error: null }
  | { status: "error"; data: T | undefined; error: unknown };

export interface Loaded<T> {
  state: LoadState<T>;
  /** Loads again; keeps showing the current data meanwhile. */
  reload: () => Promise<void>;
  /** Replaces the data locally after a change the server confirmed (no refetch). */
  update: (fn: (current: T) => T) => void;
}

/**
 * Runs `load` on mount and whenever `deps` change, ignoring answers that arrive after a newer
 * request started or after unmount. For page data; app-wide data lives in the app state.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<LoadState<T>>({ status: "loading", data: undefined, error: null });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => ({ status: "loading", data: s.data, error: null }));
    try {
      const data = await loadRef.current();
      if (mine === seq.current) setState({ status: "ready", data, error: null });
    } catch (error) {
      if (mine === seq.current) setState((s) => ({ status: "error", data: s.data, error }));
    }
  }, []);

  useEffect(() => {
    run();
    return () => {
      seq.current++;
    };
  }, deps);

  const update = useCallback((fn: (current: T) => T) => {
    setState((s) => (s.data === undefined ? s : { ...s, data: fn(s.data) } as LoadState<T>));
  }, []);

  return { state, reload: run, update };
}
