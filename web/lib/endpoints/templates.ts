import { listAll, type ApiClient } from "../api";
import type { OnboardingTemplate, TemplateInput } from "../api-types";

const path = (id: string) => `/api/templates/${encodeURIComponent(id)}`;

export const listTemplates = (api: ApiClient) => listAll<OnboardingTemplate>(api, "/api/templates");

export const getTemplate = (api: ApiClient, id: string) => api.get<OnboardingTemplate>(path(id));

export const createTemplate = (api: ApiClient, body: TemplateInput) => api.post<OnboardingTemplate>("/api/templates", body);

export const updateTemplate = (api: ApiClient, id: string, body: TemplateInput) => api.put<OnboardingTemplate>(path(id), body);

/** `409` while an active workflow applies it. */
export const deleteTemplate = (api: ApiClient, id: string) => api.delete(path(id));
