import { EmptyState } from "../components/empty-state";
import { useDocumentTitle } from "../lib/document-title";

/** A real page the signed-in role may not open (e.g. a CSM following a link to `/team`). */
export function ForbiddenPage() {
  useDocumentTitle("No access");
  return (
    <div class="status-page">
      <EmptyState
        icon="lock"
        as="h1"
        title="You don't have access to this page"
        action={
          <a class="btn btn--primary btn--md" href="/">
            Go to home
          </a>
        }
      >
        This page is for workspace admins. If you need it, ask an admin to change your role.
      </EmptyState>
    </div>
  );
}
