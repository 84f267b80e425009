import type { ComponentChildren } from "preact";
import { useDocumentTitle } from "../../lib/document-title";

export interface PageHeaderProps {
  title: string;
  description?: ComponentChildren;
  /** Buttons on the right, primary action last. */
  actions?: ComponentChildren;
  /** Small line above the title, e.g. a link back to the parent list. */
  eyebrow?: ComponentChildren;
}

/** The top of every page: the `<h1>`, a line of context and the page's actions. Also sets the tab title. */
export function PageHeader({ title, description, actions, eyebrow }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <header class="page-header">
      <div class="page-header__text">
        {eyebrow ? <div class="page-header__eyebrow">{eyebrow}</div> : null}
        <h1 class="page-header__title">{title}</h1>
        {description ? <p class="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div class="page-header__actions">{actions}</div> : null}
    </header>
  );
}
