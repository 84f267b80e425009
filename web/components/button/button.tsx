import type { ComponentChildren, JSX } from "preact";
import { cx } from "../../lib/cx";
import { Icon, type IconName } from "../icon";
import { Spinner } from "../spinner";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md";

export interface ButtonProps extends Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, "icon" | "size" | "loading"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** A leading icon. For an icon-only button, pass `aria-label` and no children. */
  icon?: IconName;
  /** Shows a spinner, disables the button and sets `aria-busy` while an action runs. */
  loading?: boolean;
  children?: ComponentChildren;
}

/** The one button. `type` defaults to `"button"` so it never submits a form by accident. */
export function Button({
  variant = "secondary",
  size = "md",
  icon,
  loading = false,
  disabled,
  type = "button",
  class: cls,
  children,
  ...rest
}: ButtonProps) {
  const iconOnly = children === undefined || children === null;
  return (
    <button
      type={type}
      class={cx("btn", `btn--${variant}`, `btn--${size}`, iconOnly && "btn--icon", cls as string)}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...rest}
    >
      {loading ? <Spinner size={size === "sm" ? 12 : 14} /> : icon ? <Icon name={icon} size={size === "sm" ? 14 : 16} /> : null}
      {children}
    </button>
  );
}
