import { Component, type ComponentChildren } from "preact";
import { EmptyState } from "../empty-state";

interface Props {
  /** When this changes (the frame passes the path) a caught error is cleared. */
  resetKey?: string;
  children?: ComponentChildren;
}

/**
 * Catches a render error in a page so the frame (nav, sign out) keeps working. Navigating elsewhere
 * (a new `resetKey`) clears the error.
 */
export class ErrorBoundary extends Component<Props, { error: unknown }> {
  state = { error: null as unknown };

  componentDidCatch(error: unknown) {
    // Thrown promises are suspensions handled by the router, never errors.
    if (error && typeof (error as Promise<unknown>).then === "function") throw error;
    console.error(error);
    this.setState({ error });
  }

  componentDidUpdate(prev: Props) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div class="status-page">
        <EmptyState
          as="h1"
          icon="alert"
          title="Something went wrong on this page"
          action={
            <button type="button" class="btn btn--primary btn--md" onClick={() => location.reload()}>
              Reload the page
            </button>
          }
        >
          The error has been logged to the browser console. Reloading usually helps; other pages still work.
        </EmptyState>
      </div>
    );
  }
}
