/**
 * Watching a run: `GET /api/runs/:id`, kept fresh while the run is running or paused. The run's own
 * object pushes every change over `GET /api/runs/:id/live` (a WebSocket); while that socket is open
 * the pushed run is shown as it arrives and polling drops to a slow safety net. Without the socket
 * (refused, dropped, an older server) polling carries on at `pollMs`.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiClient } from "../../lib/api";
import type { RunDetail } from "../../lib/api-types";
import { getRun } from "../../lib/endpoints/runs";
import { isLive } from "./format";

/** Polling while updates are pushed: only to notice a socket that died silently. */
const SAFETY_POLL_MS = 10_000;
/** Keeps intermediaries from closing an idle socket (the run object answers "pong"). */
const PING_MS = 25_000;

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
    setPushed(false);
    if (!runId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let ping: ReturnType<typeof setInterval> | null = null;
    let socket: WebSocket | null = null;
    let last: RunDetail | null = null;
    let seq = 0;

    /** Closes the socket; one still connecting is closed once open (closing it earlier makes the browser complain). */
    const closeSocket = () => {
      const ws = socket;
      if (!ws) return;
      if (ws.readyState === WebSocket.CONNECTING) ws.onopen = () => ws.close();
      else ws.close();
    };

    const show = (r: RunDetail) => {
      last = r;
      setRun(r);
      setError(null);
      if (!isLive(r.status)) closeSocket();
    };

    const schedule = () => {
      if (timer) clearTimeout(timer);
      if (stopped || (last && !isLive(last.status))) return;
      timer = setTimeout(() => void load(), socket?.readyState === WebSocket.OPEN ? SAFETY_POLL_MS : pollMs);
    };

    async function load() {
      const mine = ++seq;
      try {
        const r = await getRun(api, runId!);
        if (stopped || mine !== seq) return;
        show(r);
      } catch (e) {
        if (stopped || mine !== seq) return;
        setError(e);
      }
      schedule();
    }
    refreshRef.current = load;
    void load();

    try {
      const url = new URL(`/api/runs/${encodeURIComponent(runId)}/live`, location.href);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      socket = new WebSocket(url);
      socket.onopen = () => {
        if (last && !isLive(last.status)) return closeSocket();
        setPushed(true);
        ping = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send("ping"), PING_MS);
      };
      socket.onmessage = (e) => {
        let msg: { type?: string; run?: RunDetail } | null = null;
        try {
          msg = JSON.parse(String(e.data));
        } catch {
          return;
        }
        if (msg?.type !== "run" || !msg.run || stopped) return;
        seq++; // a poll already in flight is older than this
        show(msg.run);
        schedule();
      };
      socket.onclose = () => {
        if (ping) clearInterval(ping);
        socket = null;
        if (stopped) return;
        setPushed(false);
        schedule();
      };
    } catch {
      // No WebSocket here: polling alone.
    }

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (ping) clearInterval(ping);
      closeSocket();
    };
  }, [runId, pollMs]);

  return { run, error, refresh: () => refreshRef.current(), pushed };
}
