import type { ComponentType } from "preact";
import { exec } from "preact-iso/router";
import type { IconName } from "./components/icon";
import { QueueNavBadge } from "./components/queue-nav-badge";
import type { Role } from "./lib/api-types";
import { lazyPage } from "./lib/lazy-page";
import { HomePage } from "./pages/home";
import { LoginPage } from "./pages/login";

/** Where a route sits in the sidebar; groups render in this order, each under its heading. */
export const NAV_GROUPS = [
  { id: "workspace", label: "Workspace" },
  { id: "admin", label: "Administration" },
] as const;

export type NavGroup = (typeof NAV_GROUPS)[number]["id"];

export interface AppRoute {
  /** A preact-iso pattern (`/workflows/:id`); the first path segment names the nav section. */
  path: string;
  /** Nav label, and the default tab title. */
  title: string;
  icon?: IconName;
  /** `"public"` renders without the app frame or a session (sign-in, external forms). */
  access: "public" | readonly Role[];
  /** Whether it appears in the sidebar (for roles that may open it). A function decides per role. */
  nav: boolean | ((role: Role, list: readonly AppRoute[]) => boolean);
  group?: NavGroup;
  /** Rendered after the nav label (e.g. the queue count); keep it tiny, it ships in the first bundle. */
  navBadge?: ComponentType;
  component: ComponentType<any>;
}

/**
 * Where each role lands on `/`: the first of these that is a route the role may open. Pages not
 * built yet are simply absent from `routes`, so the list can name them ahead of time.
 */
export const HOME_PREFERENCE: Record<Role, readonly string[]> = {
  admin: ["/workflows", "/team", "/"],
  csm: ["/queue", "/"],
};

/**
 * Every page of the SPA, in nav order. To add one: write `pages/<name>.tsx`, add an entry here
 * (all but the tiniest via `lazyPage(() => import(...))`, so each gets its own chunk). Nothing else to wire.
 */
export const routes: readonly AppRoute[] = [
  { path: "/login", title: "Sign in", access: "public", nav: false, component: LoginPage },
  {
    path: "/forms/:token",
    title: "Handoff form",
    access: "public",
    nav: false,
    component: lazyPage(() => import("./pages/forms").then((m) => m.PublicFormPage)),
  },
  {
    path: "/",
    title: "Home",
    icon: "home",
    access: ["admin", "csm"],
    // Only while "/" is the role's landing page; once its real home exists, "/" just redirects there.
    nav: (role, list) => homePath(role, list) === "/",
    group: "workspace",
    component: HomePage,
  },
  {
    path: "/workflows",
    title: "Workflows",
    icon: "workflow",
    access: ["admin"],
    nav: true,
    group: "workspace",
    component: lazyPage(() => import("./pages/workflows").then((m) => m.WorkflowsPage)),
  },
  {
    path: "/workflows/:id",
    title: "Workflow",
    access: ["admin"],
    nav: false,
    component: lazyPage(() => import("./pages/workflows-builder").then((m) => m.BuilderPage)),
  },
  {
    path: "/workflows/:id/runs",
    title: "Workflow runs",
    access: ["admin"],
    nav: false,
    component: lazyPage(() => import("./pages/runs").then((m) => m.RunsPage)),
  },
  {
    path: "/runs",
    title: "Runs",
    icon: "runs",
    access: ["admin"],
    nav: true,
    group: "workspace",
    component: lazyPage(() => import("./pages/runs").then((m) => m.RunsPage)),
  },
  {
    path: "/runs/:id",
    title: "Run",
    access: ["admin"],
    nav: false,
    component: lazyPage(() => import("./pages/runs-detail").then((m) => m.RunDetailPage)),
  },
  {
    path: "/queue",
    title: "Queue",
    icon: "queue",
    access: ["admin", "csm"],
    nav: true,
    group: "workspace",
    navBadge: QueueNavBadge,
    component: lazyPage(() => import("./pages/queue").then((m) => m.QueuePage)),
  },
  {
    path: "/queue/:id",
    title: "Queue item",
    access: ["admin", "csm"],
    nav: false,
    component: lazyPage(() => import("./pages/queue").then((m) => m.QueuePage)),
  },
  {
    path: "/accounts",
    title: "Accounts",
    icon: "accounts",
    access: ["admin", "csm"],
    nav: true,
    group: "workspace",
    component: lazyPage(() => import("./pages/accounts").then((m) => m.AccountsPage)),
  },
  {
    path: "/accounts/:id",
    title: "Account",
    access: ["admin", "csm"],
    nav: false,
    component: lazyPage(() => import("./pages/accounts-detail").then((m) => m.AccountDetailPage)),
  },
  {
    path: "/templates",
    title: "Templates",
    icon: "templates",
    access: ["admin"],
    nav: true,
    group: "admin",
    component: lazyPage(() => import("./pages/templates").then((m) => m.TemplatesPage)),
  },
  {
    path: "/templates/:id",
    title: "Template",
    access: ["admin"],
    nav: false,
    component: lazyPage(() => import("./pages/templates-editor").then((m) => m.TemplateEditorPage)),
  },
  {
    path: "/connectors",
    title: "Connectors",
    icon: "connectors",
    access: ["admin"],
    nav: true,
    group: "admin",
    component: lazyPage(() => import("./pages/connectors").then((m) => m.ConnectorsPage)),
  },
  {
    path: "/connectors/:id",
    title: "Connector",
    access: ["admin"],
    nav: false,
    component: lazyPage(() => import("./pages/connectors-detail").then((m) => m.ConnectorDetailPage)),
  },
  {
    path: "/team",
    title: "Team",
    icon: "team",
    access: ["admin"],
    nav: true,
    group: "admin",
    component: lazyPage(() => import("./pages/team").then((m) => m.TeamPage)),
  },
  {
    path: "/outbox",
    title: "Outbox",
    icon: "outbox",
    access: ["admin"],
    nav: true,
    group: "admin",
    component: lazyPage(() => import("./pages/outbox").then((m) => m.OutboxPage)),
  },
  {
    path: "/settings",
    title: "Settings",
    icon: "settings",
    access: ["admin"],
    nav: true,
    group: "admin",
    component: lazyPage(() => import("./pages/settings").then((m) => m.SettingsPage)),
  },
];

/** True when `role` may open `route` (public routes: everyone, signed in or not). */
export function canAccess(route: AppRoute, role: Role | null): boolean {
  if (route.access === "public") return true;
  return role !== null && route.access.includes(role);
}

/** The sidebar entries for `role`: pages that exist, are marked for the nav, and the role may use. */
export function navRoutes(role: Role, list: readonly AppRoute[] = routes): AppRoute[] {
  return list.filter((r) => r.access !== "public" && canAccess(r, role) && (typeof r.nav === "function" ? r.nav(role, list) : r.nav));
}

/** The route whose pattern matches `path`, if any. */
export function matchRoute(path: string, list: readonly AppRoute[] = routes): AppRoute | undefined {
  return list.find((r) => exec(path, r.path) !== undefined);
}

/** Where `/` sends this role: the first preferred page that exists and that the role may open. */
export function homePath(role: Role, list: readonly AppRoute[] = routes): string {
  for (const path of HOME_PREFERENCE[role]) {
    const route = list.find((r) => r.path === path);
    if (route && canAccess(route, role)) return path;
  }
  return "/";
}

/** Whether the nav entry `navPath` is the current section (`/workflows` is current on `/workflows/42`). */
export function isCurrentSection(navPath: string, currentPath: string): boolean {
  if (navPath === "/") return currentPath === "/";
  return currentPath === navPath || currentPath.startsWith(`${navPath}/`);
}
