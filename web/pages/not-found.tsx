import { EmptyState } from "../components/empty-state";
import { useDocumentTitle } from "../lib/document-title";

/** Any app address that matches no route. */
export function NotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <div class="status-page">
      <EmptyState
        icon="compass"
        as="h1"
        title="Page not found"
        action={
          <a class="btn btn--primary btn--md" href="/">
            Go to home
          </a>
        }
      >
        The address may be mistyped, or the page may have moved. Check the link or start again from home.
      </EmptyState>
    </div>
  );
}
