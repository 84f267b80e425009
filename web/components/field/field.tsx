import type { ComponentChildren, JSX } from "preact";
import { useId } from "preact/hooks";
import { cx } from "../../lib/cx";

/**
 * Shared by the labelled controls. Fields are required unless their label says "(optional)":
 * no asterisks, so a label's text is exactly the control's accessible name.
 */
interface FieldChrome {
  /** The visible label (also the control's accessible name). */
  label: ComponentChildren;
  /** Visually hide the label but keep it for assistive tech (e.g. inside a table row). */
  hideLabel?: boolean;
  /** Helper text under the control. */
  hint?: ComponentChildren;
  /** Error text under the control; also sets `aria-invalid`. */
  error?: string | null;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

function Messages({ id, hint, error }: { id: string; hint?: ComponentChildren; error?: string | null }) {
  return (
    <>
      {hint && !error ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

export type InputProps = FieldChrome & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "label">;

/** A labelled text-like input (`type` text, email, password, number, …) with hint and error text. */
export function Input({ label, hideLabel, hint, error, id, class: cls, required, ...rest }: InputProps) {
  const auto = useId();
  const fid = (id as string) || `f${auto}`;
  return (
    <div class={cx("field", cls as string)}>
      <label class={cx("field__label", hideLabel && "visually-hidden")} for={fid}>
        {label}
      </label>
      <input
        id={fid}
        class="control"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fid, hint && !error, error)}
        {...rest}
      />
      <Messages id={fid} hint={hint} error={error} />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export type SelectProps = FieldChrome &
  Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, "label"> & {
    options: readonly SelectOption[];
    /** A first, empty choice such as "Choose a user…". */
    placeholder?: string;
  };

/** A labelled native `<select>`. */
export function Select({ label, hideLabel, hint, error, id, class: cls, options, placeholder, required, ...rest }: SelectProps) {
  const auto = useId();
  const fid = (id as string) || `f${auto}`;
  return (
    <div class={cx("field", cls as string)}>
      <label class={cx("field__label", hideLabel && "visually-hidden")} for={fid}>
        {label}
      </label>
      <select
        id={fid}
        class="control control--select"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fid, hint && !error, error)}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages id={fid} hint={hint} error={error} />
    </div>
  );
}

export type CheckboxProps = FieldChrome &
  Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "label" | "type"> & {
    /** Render as an on/off switch (`role="switch"`) rather than a box. */
    switch?: boolean;
  };

/** A checkbox (or switch) with its label beside it. */
export function Checkbox({ label, hideLabel, hint, error, id, class: cls, switch: asSwitch, ...rest }: CheckboxProps) {
  const auto = useId();
  const fid = (id as string) || `f${auto}`;
  return (
    <div class={cx("check", asSwitch && "check--switch", cls as string)}>
      <input
        id={fid}
        type="checkbox"
        role={asSwitch ? "switch" : undefined}
        class="check__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fid, hint && !error, error)}
        {...rest}
      />
      <label class={cx("check__label", hideLabel && "visually-hidden")} for={fid}>
        {label}
      </label>
      <Messages id={fid} hint={hint} error={error} />
    </div>
  );
}

export type TextareaProps = FieldChrome & Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, "label">;

/** A labelled multi-line text box. */
export function Textarea({ label, hideLabel, hint, error, id, class: cls, required, ...rest }: TextareaProps) {
  const auto = useId();
  const fid = (id as string) || `f${auto}`;
  return (
    <div class={cx("field", cls as string)}>
      <label class={cx("field__label", hideLabel && "visually-hidden")} for={fid}>
        {label}
      </label>
      <textarea
        id={fid}
        class="control control--textarea"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fid, hint && !error, error)}
        {...rest}
      />
      <Messages id={fid} hint={hint} error={error} />
    </div>
  );
}

/** A banner for errors that belong to the whole form rather than one field. */
export function FormError({ children }: { children?: ComponentChildren }) {
  if (!children) return null;
  return (
    <div class="form-error" role="alert">
      {children}
    </div>
  );
}

/** Moves focus to the first invalid control inside `form` (call after setting errors and re-rendering). */
export function focusFirstInvalid(form: HTMLElement | null) {
  const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  el?.focus();
}
