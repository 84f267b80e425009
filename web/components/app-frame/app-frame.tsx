import { Route, Router, useLocation } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { Redirect, loginUrl } from "../../lib/redirect";
import { ForbiddenPage } from "../../pages/forbidden";
import { NotFoundPage } from "../../pages/not-found";
import { canAccess, homePath, routes } from "../../routes";
import { useAppState } from "../../state/context";
import { Button } from "../button";
import { EmptyState } from "../empty-state";
import { ErrorBoundary } from "../error-boundary";
import { LoadingBlock } from "../spinner";
import { Sidebar } from "./sidebar";

const frameRoutes = routes.filter((r) => r.access !== "public");

function focusMain() {
  document.getElementById("main")?.focus({ preventScroll: true });
}

/**
 * Everything behind sign-in: loads the session (`GET /api/me`), sends a signed-out visitor to
 * `/login?next=…`, sends `/` to the role's home, and renders the sidebar beside the current page.
 * A page the role may not open renders "no access"; an unknown address renders "not found".
 */
export function AppFrame() {
  const state = useAppState();
  const { url, path } = useLocation();
  const [routeLoading, setRouteLoading] = useState(false);

  useEffect(() => state.ensureSession(), []);

  const status = state.session.value;
  const user = state.user.value;

  if (status === "unknown" || status === "loading") {
    return (
      <div class="splash">
        <LoadingBlock label="Loading your workspace…" />
      </div>
    );
  }
  if (status === "error") {
    return (
      <main class="splash">
        <EmptyState
          as="h1"
          icon="alert"
          title="Can't reach Onboarding Workflows"
          action={
            <Button variant="primary" icon="refresh" onClick={() => state.loadSession()}>
              Try again
            </Button>
          }
        >
          {state.sessionError.value}
        </EmptyState>
      </main>
    );
  }
  if (status === "signed-out" || !user) {
    return <Redirect to={state.signedOutByUser.value ? "/login" : loginUrl(url)} />;
  }

  const home = homePath(user.role);
  if (path === "/" && home !== "/") return <Redirect to={home} />;

  return (
    <div class="app-frame">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar user={user} onSignOut={state.signOut} />
      <main id="main" class="app-main" tabIndex={-1}>
        {routeLoading ? <div class="route-progress" role="progressbar" aria-label="Loading page" /> : null}
        <div class="app-content">
          <ErrorBoundary resetKey={path}>
            <Router onRouteChange={focusMain} onLoadStart={() => setRouteLoading(true)} onLoadEnd={() => setRouteLoading(false)}>
              {[
                ...frameRoutes.map((r) => (
                  <Route key={r.path} path={r.path} component={canAccess(r, user.role) ? r.component : ForbiddenPage} />
                )),
                <Route key="*" default component={NotFoundPage} />,
              ]}
            </Router>
          </ErrorBoundary>
        </div>
      </main>
    </div>
  );
}
