import type { Tone } from "../../components/badge";
import type { QueueKind } from "../../lib/api-types";

/** How each kind of task is named, singular and plural, with its badge colour. */
export const KIND_INFO: Record<QueueKind, { label: string; plural: string; tone: Tone }> = {
  approval: { label: "Approval", plural: "Approvals", tone: "brand" },
  review: { label: "Review", plural: "Reviews", tone: "info" },
  form: { label: "Form", plural: "Forms", tone: "neutral" },
  handoff: { label: "Handoff", plural: "Handoffs", tone: "neutral" },
  assignment: { label: "CSM assignment", plural: "CSM assignments", tone: "success" },
};

/** The verb on the button that completes a task of this kind. */
export const COMPLETE_LABEL: Record<Exclude<QueueKind, "approval" | "handoff">, string> = {
  review: "Complete review",
  form: "Submit form",
  assignment: "Assign CSM",
};
