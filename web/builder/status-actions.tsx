/**
 * Activate, pause, archive, restore: the workflow's status changes, each behind a confirmation that
 * says what will happen. A refusal (409: nothing published, connector not connected) is shown in the
 * dialog as the server words it.
 */
import { useEffect, useState } from "preact/hooks";
import { Button } from "../components/button";
import { ConfirmDialog } from "../components/confirm-dialog";
import type { WorkflowDetail, WorkflowStatus } from "../lib/api-types";
import { workflowOverlaps } from "../lib/endpoints/workflows";
import { useAppState } from "../state/context";
import { BIcon, type BuilderIconName } from "./icons";

interface Change {
  to: WorkflowStatus;
  label: string;
  icon: BuilderIconName | null;
  title: string;
  body: string;
  tone: "primary" | "danger";
  /** Why the change cannot be made now; the button is disabled and says so. */
  blocked?: string;
}

function changesFor(w: WorkflowDetail): Change[] {
  const activate: Change = {
    to: "active",
    label: w.status === "paused" ? "Resume" : "Activate",
    icon: "play",
    title: `${w.status === "paused" ? "Resume" : "Activate"} “${w.name}”?`,
    body: `From now on, matching CRM events start runs of version ${w.publishedVersion ?? "—"}. Edits to the draft only take effect once published.`,
    tone: "primary",
    // Only a published version can run: say so on the button instead of after the confirmation.
    ...(w.publishedVersion == null ? { blocked: "Publish the workflow before activating it." } : {}),
  };
  const pause: Change = { to: "paused", label: "Pause", icon: "pause", title: `Pause “${w.name}”?`, body: "New CRM events will not start runs while it is paused. Runs already started carry on.", tone: "primary" };
  const archive: Change = { to: "archived", label: "Archive", icon: "archive", title: `Archive “${w.name}”?`, body: "It stops responding to CRM events, becomes read-only and is hidden from the list by default. Runs already started carry on. You can restore it later.", tone: "danger" };
  const restore: Change = { to: "draft", label: "Restore", icon: null, title: `Restore “${w.name}”?`, body: "It comes back as a draft you can edit; activate it again when ready.", tone: "primary" };
  switch (w.status) {
    case "draft":
      return [archive, activate];
    case "active":
      return [archive, pause];
    case "paused":
      return [archive, activate];
    default:
      return [restore];
  }
}

export function StatusActions({ workflow, onChange, beforeChange }: { workflow: WorkflowDetail; onChange: (to: WorkflowStatus) => Promise<void>; beforeChange?: () => Promise<void> }) {
  const { api } = useAppState();
  const [pending, setPending] = useState<Change | null>(null);
  const [overlaps, setOverlaps] = useState<{ id: string; name: string }[]>([]);
  // Asked when the activation is about to be confirmed: another active workflow on the same
  // connector means a deal both match starts two runs (two accounts' worth of work, two e-mails).
  useEffect(() => {
    setOverlaps([]);
    if (pending?.to !== "active") return;
    let live = true;
    workflowOverlaps(api, workflow.id).then((items) => live && setOverlaps(items), () => undefined);
    return () => {
      live = false;
    };
  }, [pending?.to, workflow.id]);
  return (
    <>
      {changesFor(workflow).map((c) => (
        <Button key={c.to} size="sm" variant={c.to === "archived" ? "ghost" : "secondary"} disabled={c.blocked !== undefined} title={c.blocked} onClick={() => setPending(c)}>
          {c.icon ? <BIcon name={c.icon} /> : null}
          {c.label}
        </Button>
      ))}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.title}
        confirmLabel={pending ? `${pending.label} workflow` : ""}
        tone={pending?.tone}
        onCancel={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          await beforeChange?.();
          await onChange(pending.to);
          setPending(null);
        }}
      >
        <p>{pending?.body}</p>
        {overlaps.length ? (
          <p class="status-actions__overlap" role="note">
            Also active on the same connector: {overlaps.map((o, i) => (
              <span key={o.id}>
                {i ? ", " : ""}
                <a href={`/workflows/${encodeURIComponent(o.id)}`}>“{o.name}”</a>
              </span>
            ))}
            . A deal that matches both starts a run of each — for example two welcome e-mails. Pause the other one, or make their stages differ.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
