import type { QueueOutcome } from "../../lib/api-types";
import "./decided.css";

/** What was decided on a completed item: the approval and its comment, the CSM chosen, the answers. */
export function Decided({ outcome }: { outcome: QueueOutcome }) {
  const verdict = outcome.decision === "approve" ? "Approved" : outcome.decision === "reject" ? "Rejected" : null;
  return (
    <div class="q-outcome">
      {verdict ? <p class={`q-outcome__verdict q-outcome__verdict--${outcome.decision}`}>{verdict}</p> : null}
      {outcome.csm ? <p class="q-outcome__verdict">CSM assigned: {outcome.csm.name}</p> : null}
      {outcome.comment ? <blockquote class="q-outcome__comment">{outcome.comment}</blockquote> : null}
      {outcome.answers.length ? (
        <div role="group" aria-label="Answers">
          <dl class="kv q-outcome__answers">
            {outcome.answers.map((a) => (
              <div key={a.key}>
                <dt>{a.label}</dt>
                <dd>{a.value || "—"}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
