import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { Button } from "../components/button";
import { formatDateTime, formatDay } from "../components/due-badge";
import { FormError, focusFirstInvalid } from "../components/field";
import { Icon, type IconName } from "../components/icon";
import { Logo } from "../components/logo";
import { LoadingBlock } from "../components/spinner";
import { FormFields, initialValues, toData, validateValues, type FieldValue, type FormErrors, type FormValues } from "../components/task-form";
import { ApiError, errorMessage, fieldErrors } from "../lib/api";
import type { PublicForm } from "../lib/api-types";
import { useDocumentTitle } from "../lib/document-title";
import { getPublicForm, submitPublicForm } from "../lib/endpoints/forms";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import "./forms/forms.css";

/** Why a link no longer opens, in words for someone outside the company. */
export function goneMessage(err: unknown): { icon: IconName; title: string; text: string } {
  const code = err instanceof ApiError ? err.code : "";
  if (err instanceof ApiError && err.status === 404) {
    return { icon: "compass", title: "We couldn't find this form", text: "The link may be incomplete. Open it again from the e-mail you received, or ask the sender for a new one." };
  }
  if (code === "link_used") return { icon: "checkCircle", title: "This form was already sent", text: "Thank you — the answers for this link have been received. Each link works once." };
  if (code === "link_expired") return { icon: "lock", title: "This link has expired", text: "For security, form links stop working after a while. Ask the sender for a new one." };
  return { icon: "lock", title: "This form is no longer needed", text: "The team has moved on without it. There is nothing more to do here." };
}

const isGone = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 410);

/** The page around every state: the product's mark, a card, and a footnote. */
function Shell({ children, footnote }: { children: ComponentChildren; footnote?: ComponentChildren }) {
  return (
    <main class="pf-page">
      <div class="pf-brand">
        <Logo size={32} />
        <span>Onboarding Workflows</span>
      </div>
      <div class="pf-card">{children}</div>
      {footnote ? <p class="pf-footnote">{footnote}</p> : null}
    </main>
  );
}

function Status({ icon, title, children, tone = "brand" }: { icon: IconName; title: string; children?: ComponentChildren; tone?: "brand" | "success" }) {
  useDocumentTitle(title);
  return (
    <div class="pf-status">
      <span class={`pf-status__icon pf-status__icon--${tone}`}>
        <Icon name={icon} size={26} />
      </span>
      <h1 class="pf-status__title">{title}</h1>
      {children ? <div class="pf-status__text">{children}</div> : null}
    </div>
  );
}

/**
 * `/forms/:token` — the external handoff form, for someone without an account (e.g. the deal's
 * AE). No app frame and no session: the unguessable, single-use link is the credential. Opening
 * the page only reads; only "Send answers" submits.
 */
export function PublicFormPage({ token }: { token: string }) {
  const { api } = useAppState();
  const loaded = useLoad(() => getPublicForm(api, token), [token]);
  const [sent, setSent] = useState(false);
  const [goneAfterSubmit, setGoneAfterSubmit] = useState<unknown>(null);
  const s = loaded.state;

  if (sent) {
    return (
      <Shell footnote="You can close this page.">
        <Status icon="checkCircle" title="Thank you!" tone="success">
          <p>Your answers were sent to the onboarding team{s.data?.context.company ? ` for ${s.data.context.company}` : ""}. They'll take it from here.</p>
        </Status>
      </Shell>
    );
  }
  const gone = goneAfterSubmit ?? (s.status === "error" && isGone(s.error) ? s.error : null);
  if (gone) {
    const m = goneMessage(gone);
    return (
      <Shell>
        <Status icon={m.icon} title={m.title}>
          <p>{m.text}</p>
        </Status>
      </Shell>
    );
  }
  if (s.status === "error" && !s.data) {
    return (
      <Shell>
        <Status icon="alert" title="The form didn't load">
          <p>{errorMessage(s.error)}</p>
          <Button variant="primary" icon="refresh" onClick={loaded.reload}>
            Try again
          </Button>
        </Status>
      </Shell>
    );
  }
  if (!s.data) {
    return (
      <Shell>
        <LoadingBlock label="Loading the form…" />
      </Shell>
    );
  }
  return <FormView token={token} form={s.data} onSent={() => setSent(true)} onGone={setGoneAfterSubmit} />;
}

function FormView({ token, form, onSent, onGone }: { token: string; form: PublicForm; onSent: () => void; onGone: (e: unknown) => void }) {
  const { api } = useAppState();
  useDocumentTitle(form.title);
  const [values, setValues] = useState<FormValues>(() => initialValues(form.fields));
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const ctx = form.context;

  const set = (key: string, v: FieldValue) => {
    setValues((cur) => ({ ...cur, [key]: v }));
    if (errors[key]) setErrors((cur) => ({ ...cur, [key]: "" }));
  };

  async function onSubmit(e: Event) {
    e.preventDefault();
    const found = validateValues(form.fields, values);
    setErrors(found);
    setFormError(null);
    if (Object.values(found).some(Boolean)) {
      setFormError(Object.keys(found).length === 1 ? "One answer needs a look." : `${Object.keys(found).length} answers need a look.`);
      queueMicrotask(() => focusFirstInvalid(ref.current));
      return;
    }
    setBusy(true);
    try {
      await submitPublicForm(api, token, toData(form.fields, values));
      onSent();
    } catch (err) {
      setBusy(false);
      if (isGone(err)) return onGone(err);
      if (err instanceof ApiError && err.status === 422) {
        const byPath = fieldErrors(err.details);
        setErrors(byPath);
        const unknown = Object.keys(byPath).filter((k) => !form.fields.some((f) => f.key === k));
        setFormError(unknown.length || !Object.keys(byPath).length ? err.message : "Some answers need a look.");
        queueMicrotask(() => focusFirstInvalid(ref.current));
        return;
      }
      setFormError(errorMessage(err));
    }
  }

  const facts = [
    ["Company", ctx.company],
    ["Deal", ctx.deal],
    ["Close date", ctx.closeDate ? formatDay(ctx.closeDate) : null],
  ].filter((f): f is [string, string] => Boolean(f[1]));

  return (
    <Shell footnote={`This link works once and expires ${formatDateTime(form.expiresAt, { zone: true })}. Your answers go straight to the onboarding team.`}>
      <p class="pf-eyebrow">Handoff form</p>
      <h1 class="pf-title">{form.title}</h1>
      {facts.length ? (
        <dl class="pf-facts">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {ctx.instructions ? <p class="pf-instructions">{ctx.instructions}</p> : null}
      <form ref={ref} class="stack pf-form" noValidate aria-label={form.title} onSubmit={onSubmit}>
        <FormError>{formError}</FormError>
        <FormFields fields={form.fields} values={values} errors={errors} onChange={set} people={Object.fromEntries(form.fields.filter((f) => f.type === "user").map((f) => [f.key, null]))} disabled={busy} />
        <Button type="submit" variant="primary" class="pf-submit" loading={busy}>
          Send answers
        </Button>
      </form>
    </Shell>
  );
}
