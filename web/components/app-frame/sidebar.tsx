import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { ROLE_LABELS, type SessionUser } from "../../lib/api-types";
import { NAV_GROUPS, isCurrentSection, navRoutes, type AppRoute } from "../../routes";
import { Badge } from "../badge";
import { Button } from "../button";
import { Icon } from "../icon";
import { Logo } from "../logo";

/** Two initials for the avatar: "Ada Lovelace" → "AL". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "?";
  return (parts[0][0] + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}

function NavLink({ route, current }: { route: AppRoute; current: boolean }) {
  const preload = (route.component as { preload?: () => unknown }).preload;
  return (
    <li>
      <a
        href={route.path}
        class="nav-link"
        aria-current={current ? "page" : undefined}
        onMouseEnter={preload ? () => preload() : undefined}
        onFocus={preload ? () => preload() : undefined}
      >
        {route.icon ? <Icon name={route.icon} size={18} /> : null}
        <span>{route.title}</span>
        {route.navBadge ? <route.navBadge /> : null}
      </a>
    </li>
  );
}

export interface SidebarProps {
  user: SessionUser;
  onSignOut: () => Promise<void>;
  id?: string;
  /** At phone width the sidebar is a drawer: shown while `open`. Wider screens ignore it. */
  open?: boolean;
  /** The drawer's close button. */
  onClose?: () => void;
  /** A link inside was followed (the drawer closes). */
  onNavigate?: () => void;
}

/**
 * The left column: product name, the role's nav (`<nav aria-label="Main">`), and who is signed in.
 * At phone width the same column is the drawer the top bar's menu button opens (frame.css).
 */
export function Sidebar({ user, onSignOut, id, open = false, onClose, onNavigate }: SidebarProps) {
  const { path } = useLocation();
  const [leaving, setLeaving] = useState(false);
  const items = navRoutes(user.role);

  return (
    <aside
      id={id}
      class={open ? "sidebar is-open" : "sidebar"}
      onClick={onNavigate ? (e) => (e.target as Element).closest("a[href]") && onNavigate() : undefined}
    >
      <div class="sidebar__head">
        <a class="sidebar__brand" href="/">
          <Logo size={28} />
          <span>Onboarding Workflows</span>
        </a>
        {onClose ? <Button variant="ghost" icon="close" class="sidebar__close" aria-label="Close navigation" onClick={onClose} /> : null}
      </div>
      <nav class="sidebar__nav" aria-label="Main">
        {NAV_GROUPS.map((group) => {
          const inGroup = items.filter((r) => (r.group ?? "workspace") === group.id);
          if (inGroup.length === 0) return null;
          return (
            <div class="nav-group" key={group.id}>
              <p class="nav-group__label" id={`nav-${group.id}`}>
                {group.label}
              </p>
              <ul class="nav-list" aria-labelledby={`nav-${group.id}`}>
                {inGroup.map((r) => (
                  <NavLink key={r.path} route={r} current={isCurrentSection(r.path, path)} />
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
      <div class="sidebar__user">
        <span class="avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <div class="sidebar__who">
          <p class="sidebar__name-row">
            <span class="sidebar__name" title={user.name}>
              {user.name}
            </span>
            <Badge tone={user.role === "admin" ? "brand" : "neutral"}>{ROLE_LABELS[user.role]}</Badge>
          </p>
          <p class="sidebar__email" title={user.email}>
            {user.email}
          </p>
        </div>
      </div>
      <Button
        variant="ghost"
        icon="logout"
        class="sidebar__signout"
        loading={leaving}
        onClick={async () => {
          setLeaving(true);
          await onSignOut();
        }}
      >
        Sign out
      </Button>
    </aside>
  );
}
