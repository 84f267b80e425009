import { ReactFlowProvider } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useState } from "preact/hooks";
import { Loadable } from "../components/loadable";
import type { NodeTypeInfo, WorkflowDetail } from "../lib/api-types";
import { listNodeTypes } from "../lib/endpoints/node-types";
import { getWorkflow } from "../lib/endpoints/workflows";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import "../builder/builder.css";
import { createCatalog } from "../builder/catalog";
import { createDraftSync } from "../builder/draft-sync";
import { createLookups, LookupsContext } from "../builder/lookups";
import { createBuilderState } from "../builder/state";
import { Workspace } from "../builder/workspace";

function Builder({ initial, types }: { initial: WorkflowDetail; types: NodeTypeInfo[] }) {
  const { api } = useAppState();
  const [workflow, setWorkflow] = useState(initial);
  const state = useMemo(() => createBuilderState(createCatalog(types), initial.draft), []);
  const lookups = useMemo(() => createLookups(api), []);
  const sync = useMemo(() => {
    let current = initial;
    const s = createDraftSync({
      api,
      workflowId: initial.id,
      state,
      isReadOnly: () => current.status === "archived",
      // The server's copy: keep its status and versions, but not name fields still being typed.
      onSaved: (w) => setWorkflow((prev) => ({ ...w, name: prev.name, description: prev.description, reenroll: prev.reenroll })),
    });
    return Object.assign(s, { track: (w: WorkflowDetail) => (current = w) });
  }, []);
  sync.track(workflow);

  useEffect(() => {
    void sync.validateNow();
    return () => sync.dispose();
  }, []);

  return (
    <LookupsContext.Provider value={lookups}>
      <ReactFlowProvider>
        <Workspace state={state} sync={sync} workflow={workflow} setWorkflow={setWorkflow} />
      </ReactFlowProvider>
    </LookupsContext.Provider>
  );
}

/** `/workflows/:id`: the visual builder of one workflow (lazy: React Flow loads only here). */
export function BuilderPage({ id }: { id: string }) {
  const { api } = useAppState();
  const loaded = useLoad(() => Promise.all([getWorkflow(api, id), listNodeTypes(api)] as const), [id]);
  return (
    <Loadable loaded={loaded} what="the workflow">
      {([workflow, types]) => <Builder key={workflow.id} initial={workflow} types={types} />}
    </Loadable>
  );
}
