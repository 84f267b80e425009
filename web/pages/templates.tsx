import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { Button } from "../components/button";
import { Card } from "../components/card";
import { ConfirmDialog } from "../components/confirm-dialog";
import { formatAgo } from "../components/due-badge";
import { EmptyState } from "../components/empty-state";
import { Loadable } from "../components/loadable";
import { PageHeader } from "../components/page-header";
import { Table } from "../components/table";
import type { OnboardingTemplate } from "../lib/api-types";
import { deleteTemplate, listTemplates } from "../lib/endpoints/templates";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import { planLength } from "./templates/editor-model";
import "./templates/templates.css";
import { DeleteTemplateWording } from "./templates/delete-wording";

/** `/templates` (admins): the onboarding templates workflows apply — milestones, tasks and timelines. */
export function TemplatesPage() {
  const { api, toasts } = useAppState();
  const { route } = useLocation();
  const templates = useLoad(() => listTemplates(api), []);
  const [deleting, setDeleting] = useState<OnboardingTemplate | null>(null);

  return (
    <>
      <PageHeader
        title="Templates"
        description="What happens during onboarding: milestones and tasks with day offsets. A workflow's “Apply template” step dates them from the account's start."
        actions={
          <Button variant="primary" icon="plus" onClick={() => route("/templates/new")}>
            New template
          </Button>
        }
      />
      <Card flush>
        <Loadable loaded={templates} what="templates">
          {(list) => (
            <Table<OnboardingTemplate>
              caption="Onboarding templates"
              rows={list}
              rowKey={(t) => t.id}
              empty={
                <EmptyState
                  icon="templates"
                  title="No templates yet"
                  action={
                    <Button variant="primary" icon="plus" onClick={() => route("/templates/new")}>
                      New template
                    </Button>
                  }
                >
                  Create a plan such as “Enterprise onboarding”: kickoff on day 0, integration by day 14, training by day 45.
                </EmptyState>
              }
              columns={[
                {
                  key: "name",
                  header: "Template",
                  render: (t) => (
                    <div class="tpl-name">
                      <a class="cell-title__main" href={`/templates/${encodeURIComponent(t.id)}`}>
                        {t.name}
                      </a>
                      {t.description ? <span class="cell-muted tpl-name__desc">{t.description}</span> : null}
                    </div>
                  ),
                },
                { key: "milestones", header: "Milestones", width: "110px", align: "end", render: (t) => t.milestones.length },
                { key: "tasks", header: "Tasks", width: "80px", align: "end", render: (t) => t.milestones.reduce((n, m) => n + m.tasks.length, 0) },
                { key: "length", header: "Length", width: "100px", align: "end", render: (t) => `${planLength(t)} days` },
                { key: "updated", header: "Updated", width: "120px", render: (t) => <span class="cell-muted">{formatAgo(t.updatedAt)}</span> },
                {
                  key: "actions",
                  header: "Actions",
                  hideHeader: true,
                  width: "96px",
                  align: "end",
                  render: (t) => (
                    <div class="row-actions">
                      <Button size="sm" variant="ghost" icon="edit" aria-label={`Edit template ${t.name}`} title="Edit" onClick={() => route(`/templates/${encodeURIComponent(t.id)}`)} />
                      <Button size="sm" variant="ghost" icon="trash" aria-label={`Delete template ${t.name}`} title="Delete" onClick={() => setDeleting(t)} />
                    </div>
                  ),
                },
              ]}
            />
          )}
        </Loadable>
      </Card>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? "template"}?`}
        confirmLabel="Delete template"
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          const t = deleting!;
          await deleteTemplate(api, t.id);
          templates.update((l) => l.filter((x) => x.id !== t.id));
          setDeleting(null);
          toasts.success(`${t.name} was deleted`);
        }}
      >
        <DeleteTemplateWording />
      </ConfirmDialog>
    </>
  );
}
