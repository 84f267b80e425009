/**
 * The run's timeline: one bar per step on a shared time axis. Human steps split their bar into time
 * waiting for someone to pick the task up and time spent handling it (claim to completion).
 */
import type { RunDetail, RunQueueItem } from "../../lib/api-types";
import type { Catalog } from "../catalog";
import { formatDuration } from "./format";
import { stepName } from "./step-list";

const ms = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : null);

interface Segment {
  from: number;
  to: number;
  kind: string;
}

export function Timeline({ run, catalog, tasks, now = Date.now() }: { run: RunDetail; catalog: Catalog; tasks: readonly RunQueueItem[]; now?: number }) {
  const start = ms(run.startedAt) ?? now;
  const end = Math.max(ms(run.endedAt) ?? now, ...run.steps.map((s) => ms(s.endedAt) ?? now), start + 1);
  const total = end - start;
  const pct = (t: number) => `${(((t - start) / total) * 100).toFixed(3)}%`;
  const width = (a: number, b: number) => `${(Math.max(0, b - a) / total) * 100}%`;
  const hasHuman = run.steps.some((s) => s.nodeType.startsWith("human."));
  if (run.steps.length === 0) return <p class="steps__empty">No steps yet.</p>;
  return (
    <div>
      <ol class="timeline">
        {run.steps.map((s, i) => {
          const from = ms(s.startedAt) ?? start;
          const to = ms(s.endedAt) ?? now;
          const task = s.nodeType.startsWith("human.") ? tasks.find((t) => t.nodeId === s.nodeId) : undefined;
          let segments: Segment[] = [{ from, to, kind: s.status }];
          let detail = formatDuration(to - from);
          if (task) {
            const claimed = ms(task.claimedAt);
            const done = ms(task.completedAt) ?? (s.endedAt ? to : now);
            if (claimed) {
              segments = [
                { from, to: claimed, kind: "waiting" },
                { from: claimed, to: done, kind: "handling" },
              ];
              detail = `waiting ${formatDuration(claimed - from)}, handling ${formatDuration(done - claimed)}`;
            } else {
              segments = [{ from, to: done, kind: "waiting" }];
              detail = `waiting ${formatDuration(done - from)}${s.endedAt ? "" : " so far"}`;
            }
          }
          return (
            <li key={`${s.nodeId}-${i}`} class="timeline__row">
              <span class="timeline__name" title={stepName(run.definition, catalog, s.nodeId)}>
                {stepName(run.definition, catalog, s.nodeId)}
              </span>
              <span class="timeline__track" aria-hidden="true">
                {segments.map((seg, k) => (
                  <span key={k} class={`timeline__bar timeline__bar--${seg.kind}`} style={{ left: pct(seg.from), width: width(seg.from, seg.to) }} />
                ))}
              </span>
              <span class="timeline__time">
                {detail}
                {s.attempts > 1 ? ` · ${s.attempts} attempts` : ""}
              </span>
            </li>
          );
        })}
      </ol>
      <div class="timeline__axis" aria-hidden="true">
        <span />
        <span class="timeline__axis-scale">
          <span>0</span>
          <span>{formatDuration(total)}</span>
        </span>
        <span />
      </div>
      {hasHuman ? (
        <p class="timeline__legend">
          <span>
            <span class="timeline__swatch timeline__bar--waiting" aria-hidden="true" />
            Waiting for someone
          </span>
          <span>
            <span class="timeline__swatch timeline__bar--handling" aria-hidden="true" />
            Being handled (claimed)
          </span>
        </p>
      ) : null}
    </div>
  );
}
