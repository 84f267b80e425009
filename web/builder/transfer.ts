/** Export and import of workflows as portable JSON files (`GET /export`, `POST /import`). */
import type { Definition, WorkflowExport } from "../lib/api-types";

/** Offers `doc` as a download named after the workflow. */
export function downloadJson(doc: unknown, name: string) {
  const blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "workflow"}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const isDefinition = (v: unknown): v is Definition =>
  !!v && typeof v === "object" && Array.isArray((v as Definition).nodes) && Array.isArray((v as Definition).edges);

/**
 * Reads an exported workflow, or a bare definition (`{nodes, edges}`), from file text. Throws an
 * Error with a readable message when it is neither.
 */
export function parseWorkflowFile(text: string, fileName: string): WorkflowExport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error(`${fileName} is not a JSON file.`);
  }
  if (doc && typeof doc === "object" && (doc as WorkflowExport).format === "onboarding-workflow" && isDefinition((doc as WorkflowExport).definition)) {
    return doc as WorkflowExport;
  }
  if (isDefinition(doc)) {
    return { format: "onboarding-workflow", formatVersion: 1, name: fileName.replace(/\.json$/i, "") || "Imported workflow", definition: doc };
  }
  throw new Error(`${fileName} is not an exported workflow: it needs a definition with nodes and edges.`);
}

/** Lets the person choose a .json file and resolves with its name and text (or null if they cancel). */
export function pickJsonFile(): Promise<{ name: string; text: string } | null> {
  return new Promise((resolve) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = "application/json,.json";
    input.addEventListener("change", async () => {
      const file = input.files?.[0];
      resolve(file ? { name: file.name, text: await file.text() } : null);
    });
    input.addEventListener("cancel", () => resolve(null));
    input.click();
  });
}
