import type { ComponentChildren } from "preact";
import { Icon, type IconName } from "../icon";

export interface EmptyStateProps {
  icon?: IconName;
  title: ComponentChildren;
  children?: ComponentChildren;
  /** Usually the button that creates the first item. */
  action?: ComponentChildren;
  /** The title's element: `h1` when the empty state is the whole page, a heading inside sections. */
  as?: "h1" | "h2" | "h3" | "p";
}

/** What a list shows when it has nothing yet: say why, and offer the next step. */
export function EmptyState({ icon, title, children, action, as: Title = "p" }: EmptyStateProps) {
  return (
    <div class="empty-state">
      {icon ? (
        <span class="empty-state__icon">
          <Icon name={icon} size={22} />
        </span>
      ) : null}
      <Title class="empty-state__title">{title}</Title>
      {children ? <div class="empty-state__text">{children}</div> : null}
      {action ? <div class="empty-state__action">{action}</div> : null}
    </div>
  );
}
