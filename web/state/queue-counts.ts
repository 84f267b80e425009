import { computed, signal } from "@preact/signals";
import type { ApiClient } from "../lib/api";
import type { QueueCounts } from "../lib/api-types";
import { queueCounts } from "../lib/endpoints/queue";

/** How often the navigation's queue badge asks for fresh counts while someone is signed in. */
export const QUEUE_COUNTS_INTERVAL_MS = 15_000;

/**
 * The live queue counts behind the navigation badge (`GET /api/queue/counts`). Polls only while
 * something watches it (the sidebar, i.e. while signed in) and the tab is visible; pages that
 * change the queue call `refresh()` so the badge follows at once.
 */
export function createQueueCounts(api: ApiClient, intervalMs = QUEUE_COUNTS_INTERVAL_MS) {
  const counts = signal<QueueCounts | null>(null);
  let watchers = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<void> | null = null;

  function refresh(): Promise<void> {
    inFlight ??= queueCounts(api, "live")
      .then((c) => {
        counts.value = c;
      })
      .catch(() => {
        // Keep the last known counts: a missed poll is not worth a toast.
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  const onVisible = () => {
    if (!document.hidden) void refresh();
  };

  /** Starts polling (first watcher) and returns the function that stops watching. */
  function watch(): () => void {
    watchers++;
    if (watchers === 1) {
      void refresh();
      timer = setInterval(() => {
        if (!document.hidden) void refresh();
      }, intervalMs);
      document.addEventListener("visibilitychange", onVisible);
    }
    return () => {
      watchers--;
      if (watchers === 0) {
        clearInterval(timer);
        document.removeEventListener("visibilitychange", onVisible);
      }
    };
  }

  return {
    counts,
    /** Items that want this person's attention: open ones they can see plus the ones they hold. */
    attention: computed(() => (counts.value ? counts.value.open + counts.value.claimedByMe : 0)),
    refresh,
    watch,
    /** Forget the counts (sign-out), so the next person never sees them. */
    reset() {
      counts.value = null;
    },
  };
}

export type QueueCountsStore = ReturnType<typeof createQueueCounts>;
