/**
 * `useSyncExternalStoreWithSelector` on preact/compat, for web tests only. React Flow's store
 * (zustand) imports it from `use-sync-external-store`, whose shim is CommonJS and `require`s its own
 * "react": under vitest that loads outside Vite's react → preact/compat alias and breaks Preact's
 * hooks. The Vite build bundles the shim with the alias applied, so the app does not need this.
 */
import { useMemo, useSyncExternalStore } from "preact/compat";

export function useSyncExternalStoreWithSelector<S, T>(
  subscribe: (onChange: () => void) => () => void,
  getSnapshot: () => S,
  _getServerSnapshot: unknown,
  selector: (snapshot: S) => T,
  isEqual?: (a: T, b: T) => boolean,
): T {
  const getSelection = useMemo(() => {
    let has = false;
    let snapshot: S;
    let selection: T;
    return () => {
      const next = getSnapshot();
      if (has && Object.is(snapshot, next)) return selection;
      const nextSelection = selector(next);
      snapshot = next;
      if (has && isEqual?.(selection, nextSelection)) return selection;
      has = true;
      selection = nextSelection;
      return selection;
    };
  }, [getSnapshot, selector, isEqual]);
  return useSyncExternalStore(subscribe, getSelection);
}

export default { useSyncExternalStoreWithSelector };
