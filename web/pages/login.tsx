import { useLocation } from "preact-iso";
import { useRef, useState } from "preact/hooks";
import { Button } from "../components/button";
import { FormError, Input, focusFirstInvalid } from "../components/field";
import { Logo } from "../components/logo";
import { ApiError, errorMessage, fieldErrors } from "../lib/api";
import { useDocumentTitle } from "../lib/document-title";
import { login } from "../lib/endpoints/auth";
import { Redirect, safeNext } from "../lib/redirect";
import { useAppState } from "../state/context";

type Errors = { email?: string; password?: string; form?: string };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The message for a throttled sign-in: minutes from `Retry-After` when the server gives them. */
export function throttledMessage(e: ApiError): string {
  if (e.retryAfterSeconds !== null) {
    const minutes = Math.max(1, Math.ceil(e.retryAfterSeconds / 60));
    return `Too many attempts — try again in ${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  if (/minute|second|hour/i.test(e.message)) return e.message;
  return "Too many attempts — try again in a few minutes";
}

function validate(email: string, password: string): Errors {
  const errors: Errors = {};
  if (!email.trim()) errors.email = "Enter your email address.";
  else if (!EMAIL_RE.test(email.trim())) errors.email = "Enter an email address like name@company.com.";
  if (!password) errors.password = "Enter your password.";
  return errors;
}

/** `/login`: email and password; on success goes to `?next=` (if it is a page of this app) or `/`. */
export function LoginPage() {
  useDocumentTitle("Sign in");
  const state = useAppState();
  const { query, route } = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const next = safeNext(query.next);

  // Already signed in (e.g. Back after signing in): go straight on.
  if (state.session.value === "signed-in" && !busy) return <Redirect to={next} />;

  async function onSubmit(e: Event) {
    e.preventDefault();
    const found = validate(email, password);
    setErrors(found);
    if (Object.keys(found).length) {
      queueMicrotask(() => focusFirstInvalid(form.current));
      return;
    }
    setBusy(true);
    try {
      const user = await login(state.api, email.trim(), password);
      state.signedIn(user);
      route(next, true);
    } catch (err) {
      setBusy(false);
      setPassword("");
      if (err instanceof ApiError && err.status === 401) {
        setErrors({ form: "Email or password is incorrect" });
      } else if (err instanceof ApiError && err.status === 429) {
        setErrors({ form: throttledMessage(err) });
      } else if (err instanceof ApiError && err.status === 422) {
        const f = fieldErrors(err.details);
        setErrors({ email: f.email, password: f.password, form: f.email || f.password ? undefined : err.message });
      } else {
        setErrors({ form: errorMessage(err) });
      }
    }
  }

  return (
    <main class="auth-page">
      <div class="auth-card">
        <div class="auth-card__brand">
          <Logo size={36} />
          <span class="auth-card__product">Onboarding Workflows</span>
        </div>
        <h1 class="auth-card__title">Sign in to your workspace</h1>
        <p class="auth-card__subtitle">Use the email and password your admin set up for you.</p>
        <form ref={form} class="stack" onSubmit={onSubmit} noValidate aria-label="Sign in">
          <FormError>{errors.form}</FormError>
          <Input
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            autoFocus
            value={email}
            error={errors.email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <Input
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            error={errors.password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" variant="primary" class="btn--block" loading={busy}>
            Sign in
          </Button>
        </form>
      </div>
      <p class="auth-page__footnote">Trouble signing in? Contact your workspace admin.</p>
    </main>
  );
}
