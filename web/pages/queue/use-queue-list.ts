import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiClient } from "../../lib/api";
import type { QueueItem } from "../../lib/api-types";
import { listQueue, type QueueQuery } from "../../lib/endpoints/queue";

/** How often an open dashboard refreshes its list. */
export const QUEUE_REFRESH_MS = 10_000;
const PAGE_SIZE = 50;

interface ListData {
  items: QueueItem[];
  nextCursor: string | null;
}

/**
 * The last answer per query, for the life of the tab: `/queue` and `/queue/:id` are two routes, so
 * opening an item mounts the page afresh — it shows the list it had at once and refreshes behind.
 */
const cache = new Map<string, ListData>();

export interface QueueList {
  data: ListData | null;
  error: unknown;
  loading: boolean;
  /** Loads the list again (as many rows as are shown, up to 200). */
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
  /** Replaces one row after a change the server confirmed. */
  patch: (item: QueueItem) => void;
}

/** The queue list for `query`, refreshed every 10 s while the tab is visible. */
export function useQueueList(api: ApiClient, query: QueueQuery, intervalMs = QUEUE_REFRESH_MS): QueueList {
  const key = JSON.stringify(query);
  const [data, setData] = useState<ListData | null>(() => cache.get(key) ?? null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const dataRef = useRef(data);
  dataRef.current = data;
  const keyRef = useRef(key);
  keyRef.current = key;

  const store = (k: string, d: ListData) => {
    cache.set(k, d);
    if (keyRef.current === k) setData(d);
  };

  async function refresh() {
    const mine = ++seq.current;
    const k = key;
    const shown = dataRef.current?.items.length ?? 0;
    setLoading(true);
    try {
      const page = await listQueue(api, { ...query, limit: Math.min(200, Math.max(PAGE_SIZE, shown)) });
      if (mine !== seq.current) return;
      store(k, { items: page.items, nextCursor: page.nextCursor });
      setError(null);
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }

  async function loadMore() {
    const current = dataRef.current;
    if (!current?.nextCursor) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const page = await listQueue(api, { ...query, cursor: current.nextCursor, limit: PAGE_SIZE });
      if (mine !== seq.current) return;
      const seen = new Set(current.items.map((i) => i.id));
      store(key, { items: [...current.items, ...page.items.filter((i) => !seen.has(i.id))], nextCursor: page.nextCursor });
    } catch (e) {
      if (mine === seq.current) setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }

  useEffect(() => {
    setData(cache.get(key) ?? null);
    setError(null);
    void refresh();
    const timer = setInterval(() => {
      if (!document.hidden) void refresh();
    }, intervalMs);
    return () => {
      clearInterval(timer);
      seq.current++;
    };
  }, [key]);

  return {
    data,
    error,
    loading,
    refresh,
    loadMore,
    patch: (item) => {
      const current = dataRef.current;
      if (current) store(key, { ...current, items: current.items.map((i) => (i.id === item.id ? { ...i, ...item } : i)) });
    },
  };
}

/** Forgets every cached list (tests; sign-out makes them meaningless anyway). */
export function clearQueueListCache() {
  cache.clear();
}
