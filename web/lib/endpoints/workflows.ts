import { listAll, type ApiClient } from "../api";
import type {
  Definition,
  ValidationResult,
  WorkflowDetail,
  WorkflowExport,
  WorkflowListItem,
  WorkflowPreset,
  WorkflowStatus,
  WorkflowVersion,
} from "../api-types";

const base = (id: string) => `/api/workflows/${encodeURIComponent(id)}`;

/** Every workflow; `status` narrows it, `"all"` includes archived ones (hidden by default). */
export const listWorkflows = (api: ApiClient, status?: WorkflowStatus | "all") =>
  listAll<WorkflowListItem>(api, "/api/workflows", { status });

export const listPresets = (api: ApiClient) => api.get<{ items: WorkflowPreset[] }>("/api/workflow-presets").then((r) => r.items);

/** Creates a draft: blank (optionally with a definition) or from a preset. */
export const createWorkflow = (
  api: ApiClient,
  body: { name: string; description?: string; definition?: Definition } | { presetId: string; name?: string },
) => api.post<WorkflowDetail>("/api/workflows", body);

export const getWorkflow = (api: ApiClient, id: string) => api.get<WorkflowDetail>(base(id));

/** Autosave: a well-formed draft saves even when it does not validate yet. */
export const updateWorkflow = (
  api: ApiClient,
  id: string,
  patch: { name?: string; description?: string; draft?: Definition; reenroll?: boolean },
) => api.put<WorkflowDetail>(base(id), patch);

/** Other active workflows on the same trigger connector (a deal both match starts a run of each). */
export const workflowOverlaps = (api: ApiClient, id: string) => api.get<{ items: { id: string; name: string }[] }>(`${base(id)}/overlaps`).then((r) => r.items);

export const validateWorkflow = (api: ApiClient, id: string) => api.get<ValidationResult>(`${base(id)}/validate`);

/** Freezes the draft as the next version; a 422 carries the problems in `details`. */
export const publishWorkflow = (api: ApiClient, id: string) =>
  api.post<{ version: number; publishedAt: string; publishedBy: string | null }>(`${base(id)}/publish`);

export const getWorkflowVersion = (api: ApiClient, id: string, version: number) =>
  api.get<WorkflowVersion>(`${base(id)}/versions/${version}`);

/** Activate, pause, archive or restore; a 409 says why a change is not allowed. */
export const setWorkflowStatus = (api: ApiClient, id: string, status: WorkflowStatus) =>
  api.post<WorkflowDetail>(`${base(id)}/status`, { status });

/** Starts a sandboxed test run of the draft (or a version) with a normalised deal or a raw CRM event. */
export const startTestRun = (
  api: ApiClient,
  id: string,
  body: { deal?: Record<string, unknown>; event?: unknown; version?: number | "draft" },
) => api.post<{ runId: string }>(`${base(id)}/test`, body);

export const exportWorkflow = (api: ApiClient, id: string) => api.get<WorkflowExport>(`${base(id)}/export`);

export const importWorkflow = (api: ApiClient, doc: WorkflowExport) => api.post<WorkflowDetail>("/api/workflows/import", doc);
