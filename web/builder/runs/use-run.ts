/**
 * Watching a run: fetches `GET /api/runs/:id` and keeps it fresh while the run is running or paused.
 * When the server offers a push channel (`GET /api/runs/:id/live`, a WebSocket, listed in the API's
 * OpenAPI document) a message triggers a refresh at once and polling slows to a safety net; without
 * it, or when the socket drops, polling carries on alone.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiClient } from "../../lib/api";
import type { RunDetail } from "../../lib/api-types";
import { getRun } from "../../lib/endpoints/runs";
import { isLive } from "./format";

let liveRoute: Promise<boolean> | null = null;

/** Whether the server has the run push channel (asked once per session, quietly). */
function hasLiveRoute(api: ApiClient): Promise<boolean> {
  liveRoute ??= api
    .get<{ paths?: Record<string, unknown> }>("/api/openapi.json")
    .then((doc) => Object.keys(doc.paths ?? {}).some((p) => /^\/api\/runs\/\{[^}]+\}\/live$/.test(p)))
    .catch(() => false);
  return liveRoute;
}

export interface RunWatch {
  run: RunDetail | null;
  error: unknown;
  /** Fetches now (after an action such as cancel or completing a task). */
  refresh: () => Promise<void>;
  /** True while updates are pushed rather than polled. */
  pushed: boolean;
}

export function useRun(api: ApiClient, runId: string | null, pollMs = 1500): RunWatch {
  const [run, setRun] = useState<RunDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pushed, setPushed] = useState(false);
  const refreshRef = useRef<() => Promise<void>>(async () => {});

  useEffect(() => {
    setRun(null);
    setError(null);
    if (!runId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let socket: WebSocket | null = null;
    let last: RunDetail | null = null;
    let seq = 0;

    const schedule = () => {
      if (timer) clearTimeout(timer);
      if (stopped || (last && !isLive(last.status))) return;
      timer = setTimeout(() => void load(), socket?.readyState === WebSocket.OPEN ? Math.max(pollMs, 5000) : pollMs);
    };

    async function load() {
      const mine = ++seq;
      try {
        const r = await getRun(api, runId!);
        if (stopped || mine !== seq) return;
        last = r;
        setRun(r);
        setError(null);
      } catch (e) {
        if (stopped || mine !== seq) return;
        setError(e);
      }
      schedule();
    }
    refreshRef.current = load;
    void load();

    void hasLiveRoute(api).then((ok) => {
      if (!ok || stopped) return;
      const url = new URL(`/api/runs/${encodeURIComponent(runId)}/live`, location.href);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      socket = new WebSocket(url);
      socket.onopen = () => setPushed(true);
      socket.onmessage = () => void load();
      socket.onclose = () => {
        setPushed(false);
        socket = null;
        schedule();
      };
    });

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    };
  }, [runId, pollMs]);

  return { run, error, refresh: () => refreshRef.current(), pushed };
}
