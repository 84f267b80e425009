import { useEffect, useRef } from "preact/hooks";

/**
 * Calls `fn` every `ms` while the component is mounted and the tab is visible (a hidden tab
 * does not poll; coming back calls `fn` at once). Always calls the latest `fn`.
 */
export function useVisibleInterval(fn: () => void, ms: number) {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    const tick = () => {
      if (!document.hidden) ref.current();
    };
    const t = setInterval(tick, ms);
    const onVisible = () => {
      if (!document.hidden) ref.current();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(t);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [ms]);
}
