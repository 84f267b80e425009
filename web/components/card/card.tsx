import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";
import { cx } from "../../lib/cx";

export interface CardProps {
  /** Section heading (an `<h2>`); the card becomes a labelled region. */
  title?: ComponentChildren;
  description?: ComponentChildren;
  actions?: ComponentChildren;
  /** Let a table or list touch the card's edges. */
  flush?: boolean;
  class?: string;
  children?: ComponentChildren;
}

/** A white panel grouping one part of a page. */
export function Card({ title, description, actions, flush, class: cls, children }: CardProps) {
  const id = useId();
  return (
    <section class={cx("card", flush && "card--flush", cls)} aria-labelledby={title ? `${id}-h` : undefined}>
      {title || actions ? (
        <header class="card__header">
          <div>
            {title ? (
              <h2 class="card__title" id={`${id}-h`}>
                {title}
              </h2>
            ) : null}
            {description ? <p class="card__description">{description}</p> : null}
          </div>
          {actions ? <div class="card__actions">{actions}</div> : null}
        </header>
      ) : null}
      <div class="card__body">{children}</div>
    </section>
  );
}
