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
import { SIDEBAR_ID, TopBar, useNavDrawer } from "./nav-drawer";
import { Sidebar } from "./sidebar";

const frameRoutes = routes.filter((r) => r.access !== "public");

function focusMain() {
  document.getElementById("main")?.focus({ preventScroll: true });
}

/**
 * Everything behind sign-in: loads the session (`GET /api/me`), sends a signed-out visitor to
 * `/login?next=…`, sends `/` to the role's home, and renders the sidebar beside the current page.
 * A page the role may not open renders "no access"; an unknown address renders "not found".
 * At phone width a top bar replaces the sidebar, which opens over the page as a drawer.
 */
export function AppFrame() {
  const state = useAppState();
  const { url, path } = useLocation();
  const [routeLoading, setRouteLoading] = useState(false);
  const drawer = useNavDrawer(path);

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
      <a class="skip-link" href="#main" inert={drawer.open}>
        Skip to content
      </a>
      <TopBar open={drawer.open} onToggle={drawer.toggle} buttonRef={drawer.buttonRef} inert={drawer.open} />
      {drawer.open ? <div class="nav-backdrop" aria-hidden="true" onClick={drawer.dismiss} /> : null}
      <Sidebar user={user} onSignOut={state.signOut} id={SIDEBAR_ID} open={drawer.open} onClose={drawer.dismiss} onNavigate={drawer.navigated} />
      <main id="main" class="app-main" tabIndex={-1} inert={drawer.open}>
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
