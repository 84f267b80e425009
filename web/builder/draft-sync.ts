/**
 * Autosave of the draft and its validation. Every graph change marks the draft dirty; after a short
 * pause it is saved (`PUT {draft}`: a well-formed draft saves even when invalid) and validated
 * (`GET /validate`). The problems shown are the server's for the saved revision, or — while edits are
 * newer than the last validation — the client's structural checks plus the server's config findings.
 */
import { computed, effect, signal } from "@preact/signals";
import { errorMessage, type ApiClient } from "../lib/api";
import type { ValidationIssue, WorkflowDetail } from "../lib/api-types";
import { updateWorkflow, validateWorkflow } from "../lib/endpoints/workflows";
import type { BuilderState } from "./state";

export type SaveStatus = "saved" | "dirty" | "saving" | "error";

const DEBOUNCE_MS = 700;

const issueKey = (i: ValidationIssue) => `${i.nodeId ?? ""}:${i.path.replace(/^nodes\.\d+\./, "")}`;

export function createDraftSync(opts: {
  api: ApiClient;
  workflowId: string;
  state: BuilderState;
  /** Archived workflows are read-only: nothing is saved while this says so. */
  isReadOnly?: () => boolean;
  onSaved?: (w: WorkflowDetail) => void;
  wait?: number;
}) {
  const { api, workflowId, state } = opts;
  const readOnly = () => opts.isReadOnly?.() ?? false;
  const status = signal<SaveStatus>("saved");
  const error = signal<string | null>(null);
  const savedAt = signal<Date | null>(null);
  const server = signal<{ revision: number; issues: ValidationIssue[] } | null>(null);
  let savedRevision = state.revision.peek();
  let meta: { name?: string; description?: string; reenroll?: boolean } = {};
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;

  const hasMeta = () => Object.keys(meta).length > 0;
  const isDirty = () => state.revision.peek() !== savedRevision || hasMeta();

  function schedule() {
    if (readOnly()) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void save(), opts.wait ?? DEBOUNCE_MS);
  }

  async function validate(revision: number) {
    try {
      const r = await validateWorkflow(api, workflowId);
      server.value = { revision, issues: r.errors };
    } catch {
      // The client's own checks keep showing; the next save validates again.
    }
  }

  async function save(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    if (inFlight) {
      await inFlight;
      if (isDirty()) return save();
      return;
    }
    if (!isDirty() || readOnly()) return;
    const revision = state.revision.peek();
    const patch = { ...meta, ...(revision !== savedRevision ? { draft: state.serialise() } : {}) };
    meta = {};
    status.value = "saving";
    inFlight = (async () => {
      try {
        const saved = await updateWorkflow(api, workflowId, patch);
        savedRevision = revision;
        savedAt.value = new Date();
        error.value = null;
        opts.onSaved?.(saved);
        if (patch.draft) await validate(revision);
      } catch (e) {
        meta = { ...patch, ...meta };
        delete (meta as { draft?: unknown }).draft;
        error.value = errorMessage(e);
      }
    })();
    await inFlight;
    inFlight = null;
    status.value = error.value ? "error" : isDirty() ? "dirty" : "saved";
    if (!error.value && isDirty()) schedule();
  }

  const stop = effect(() => {
    const rev = state.revision.value;
    if (rev !== savedRevision) {
      if (status.peek() !== "saving") status.value = "dirty";
      schedule();
    }
  });

  /** Name, description, re-enrolment: saved with the next autosave. */
  function setMeta(patch: typeof meta) {
    meta = { ...meta, ...patch };
    status.value = "dirty";
    schedule();
  }

  /** The problems to show now (see the module comment). */
  const issues = computed<ValidationIssue[]>(() => {
    const s = server.value;
    const rev = state.revision.value;
    if (s && s.revision === rev) return s.issues;
    const client = state.issues.value;
    if (!s) return client;
    const seen = new Set(client.map(issueKey));
    const nodes = state.nodeById.value;
    const config = s.issues.filter((i) => i.nodeId && nodes.has(i.nodeId) && /\.config(\.|$)/.test(i.path) && !seen.has(issueKey(i)));
    return [...client, ...config];
  });

  return {
    status,
    error,
    savedAt,
    issues,
    setMeta,
    /** Saves now if anything is pending and waits for it (before publish, test, leaving). */
    flush: save,
    /** Validates the saved draft now (on open). */
    validateNow: () => validate(state.revision.peek()),
    /** Shows problems a publish or test refused with (they are the server's for this revision). */
    showIssues: (issues: ValidationIssue[]) => (server.value = { revision: state.revision.peek(), issues }),
    isDirty,
    dispose() {
      stop();
      if (timer) clearTimeout(timer);
    },
  };
}

export type DraftSync = ReturnType<typeof createDraftSync>;
