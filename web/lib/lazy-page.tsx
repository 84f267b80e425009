import type { ComponentType } from "preact";
import { lazy } from "preact-iso";
import { EmptyState } from "../components/empty-state";

function ChunkFailed() {
  return (
    <div class="status-page">
      <EmptyState
        as="h1"
        icon="refresh"
        title="This page didn't load"
        action={
          <button type="button" class="btn btn--primary btn--md" onClick={() => location.reload()}>
            Reload
          </button>
        }
      >
        The app may have been updated, or the connection dropped. Reloading usually fixes it.
      </EmptyState>
    </div>
  );
}

/**
 * A route component loaded on first visit, in its own chunk (`lazyPage(() => import("./pages/x").then(m => m.XPage))`).
 * If the chunk cannot be fetched (offline, or an old chunk gone after a deploy) it renders a
 * "Reload" page instead of hanging.
 */
export function lazyPage<P>(load: () => Promise<ComponentType<P>>): ComponentType<P> & { preload: () => Promise<unknown> } {
  return lazy(() => load().catch(() => ChunkFailed as unknown as ComponentType<P>)) as ComponentType<P> & {
    preload: () => Promise<unknown>;
  };
}
