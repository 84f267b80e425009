import { listAll, type ApiClient, type Page } from "../api";
import type {
  Connector,
  ConnectorEvent,
  ConnectorEventOutcome,
  ConnectorInput,
  ConnectorPatch,
  ConnectorStage,
  ConnectorTestResult,
  SendTestEventResult,
} from "../api-types";

const path = (id: string) => `/api/connectors/${encodeURIComponent(id)}`;

/** Every connector of the workspace (admins). Secrets are never returned, only masked hints. */
export const listConnectors = (api: ApiClient) => listAll<Connector>(api, "/api/connectors");

export const getConnector = (api: ApiClient, id: string) => api.get<Connector>(path(id));

/** `201`; the server runs a first connection test, so `status`/`lastError` already say whether the credentials work. */
export const createConnector = (api: ApiClient, body: ConnectorInput) => api.post<Connector>("/api/connectors", body);

/** Rename or change credentials (only the fields named). A credentials change re-tests the connection. */
export const updateConnector = (api: ApiClient, id: string, body: ConnectorPatch) => api.patch<Connector>(path(id), body);

/** `409` while an active workflow uses it: the message names the workflows. */
export const deleteConnector = (api: ApiClient, id: string) => api.delete(path(id));

/** One real, read-only call to the CRM; `detail` says what worked or what failed. */
export const testConnector = (api: ApiClient, id: string) => api.post<ConnectorTestResult>(`${path(id)}/test`);

export interface ConnectorEventsQuery {
  outcome?: ConnectorEventOutcome;
  cursor?: string | null;
  limit?: number;
}

/** The connector's event log, newest first, a page at a time. */
export const listConnectorEvents = (api: ApiClient, id: string, q: ConnectorEventsQuery = {}) =>
  api.get<Page<ConnectorEvent>>(`${path(id)}/events`, { query: { outcome: q.outcome, cursor: q.cursor, limit: q.limit } });

/** Signs a sample event and delivers it to the connector's own webhook, as the CRM would (`409` when it cannot be signed yet). */
export const sendTestEvent = (api: ApiClient, id: string) => api.post<SendTestEventResult>(`${path(id)}/send-test-event`);

/** Notion's verification token (from its handshake), to paste into Notion's Verify dialog. `404` until it arrives. */
export const getVerificationToken = (api: ApiClient, id: string) => api.get<{ token: string }>(`${path(id)}/verification-token`);

/** Forgets Notion's verification token, so a new handshake is accepted. */
export const forgetVerificationToken = (api: ApiClient, id: string) => api.delete(`${path(id)}/verification-token`);

/** The CRM's deal stages (or Notion status options) a trigger can wait for. */
export const listConnectorStages = (api: ApiClient, id: string, databaseId?: string) =>
  api.get<{ items: ConnectorStage[] }>(`${path(id)}/stages`, { query: { databaseId } });

/** One CRM record by id, as the normalised deal (the test panel's sample data); `404` when the CRM has no such record. */
export const fetchConnectorRecord = (api: ApiClient, id: string, objectId: string) =>
  api.get<{ deal: Record<string, unknown> }>(`${path(id)}/records/${encodeURIComponent(objectId)}`);
