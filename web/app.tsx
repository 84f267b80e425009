import { LocationProvider, Route, Router, useLocation } from "preact-iso";
import { AppFrame } from "./components/app-frame";
import { Toaster } from "./components/toasts";
// Imported for its listeners, which must be added before the router's (see the module).
import "./lib/leave-guard";
import { matchRoute, routes } from "./routes";
import type { AppState } from "./state/app-state";
import { AppStateContext } from "./state/context";

const publicRoutes = routes.filter((r) => r.access === "public");

/** Public pages (sign-in, external forms) stand alone; every other address lives in the app frame. */
function Shell() {
  const { path } = useLocation();
  if (matchRoute(path)?.access === "public") {
    return (
      <Router>
        {publicRoutes.map((r) => (
          <Route key={r.path} path={r.path} component={r.component} />
        ))}
      </Router>
    );
  }
  return <AppFrame />;
}

/** The root: app state by context, the router's location, the current shell and the toasts. */
export function App({ state }: { state: AppState }) {
  return (
    <AppStateContext.Provider value={state}>
      <LocationProvider>
        <Shell />
        <Toaster />
      </LocationProvider>
    </AppStateContext.Provider>
  );
}
