import { Button } from "../components/button";
import { Modal, ModalBody, ModalFooter } from "../components/modal";
import { Table } from "../components/table";
import type { WorkflowDetail, WorkflowVersionInfo } from "../lib/api-types";
import { formatDateTime } from "./runs/format";

/** Published versions, newest first; each opens read-only on the canvas. */
export function VersionsDialog({ open, workflow, people, onView, onClose }: {
  open: boolean;
  workflow: WorkflowDetail;
  people: ReadonlyMap<string, string>;
  onView: (v: WorkflowVersionInfo) => void;
  onClose: () => void;
}) {
  const rows = [...workflow.versions].sort((a, b) => b.version - a.version);
  return (
    <Modal open={open} title="Version history" description="Each publish freezes the draft as a new version. Runs stay on the version they started with." onClose={onClose} size="lg">
      <ModalBody>
        <Table
          caption="Published versions"
          rows={rows}
          rowKey={(v) => String(v.version)}
          empty={<p class="form-group__empty">Nothing published yet. Publish the draft to create version 1.</p>}
          columns={[
            { key: "v", header: "Version", width: "110px", render: (v) => <strong>v{v.version}{v.version === workflow.publishedVersion ? " (current)" : ""}</strong> },
            { key: "at", header: "Published", render: (v) => formatDateTime(v.publishedAt) },
            { key: "by", header: "By", render: (v) => (v.publishedBy ? people.get(v.publishedBy) ?? "A former user" : "—") },
            {
              key: "view",
              header: "Actions",
              hideHeader: true,
              align: "end",
              width: "120px",
              render: (v) => (
                <Button size="sm" onClick={() => onView(v)} aria-label={`View version ${v.version}`}>
                  View
                </Button>
              ),
            },
          ]}
        />
      </ModalBody>
      <ModalFooter>
        <Button onClick={onClose}>Close</Button>
      </ModalFooter>
    </Modal>
  );
}
