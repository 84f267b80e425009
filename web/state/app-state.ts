import { computed, signal } from "@preact/signals";
import { ApiError, createApiClient, errorMessage } from "../lib/api";
import type { SessionUser } from "../lib/api-types";
import * as auth from "../lib/endpoints/auth";
import { createQueueCounts } from "./queue-counts";
import { createToasts } from "./toasts";

/**
 * - `unknown`: nothing asked yet (the sign-in page never needs to);
 * - `loading`: `GET /api/me` in flight;
 * - `signed-in`: `user` is set;
 * - `signed-out`: no session, or a call answered 401 — the frame sends the user to `/login?next=…`;
 * - `error`: the server could not be reached, so we do not know (the frame offers a retry).
 */
export type SessionStatus = "unknown" | "loading" | "signed-in" | "signed-out" | "error";

export interface AppStateOptions {
  /** Injected in tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * The app-wide state, created once in `main.tsx` and handed down by `AppStateContext`
 * (STYLE.md habit 11). Page data stays in the pages; only what several parts share lives here.
 */
export function createAppState(options: AppStateOptions = {}) {
  const user = signal<SessionUser | null>(null);
  const session = signal<SessionStatus>("unknown");
  const sessionError = signal<string | null>(null);
  /** True after "Sign out": the sign-in page then opens without a `next` back to where they were. */
  const signedOutByUser = signal(false);
  const toasts = createToasts();

  const api = createApiClient({
    fetch: options.fetch,
    onUnauthorized() {
      user.value = null;
      session.value = "signed-out";
    },
  });

  /** The queue counts behind the navigation badge (polled while the sidebar shows). */
  const queueCounts = createQueueCounts(api);

  /** Loads the signed-in user (`GET /api/me`); a 401 simply means "signed out". */
  async function loadSession(): Promise<void> {
    session.value = "loading";
    sessionError.value = null;
    try {
      user.value = await auth.me(api);
      session.value = "signed-in";
    } catch (e) {
      user.value = null;
      if (e instanceof ApiError && e.status === 401) {
        session.value = "signed-out";
      } else {
        sessionError.value = errorMessage(e);
        session.value = "error";
      }
    }
  }

  /** Loads the session unless it is known or being loaded (the app frame calls this on mount). */
  function ensureSession(): void {
    if (session.value === "unknown") void loadSession();
  }

  /** Records the user a successful login returned. */
  function signedIn(u: SessionUser) {
    if (user.value?.id !== u.id) queueCounts.reset();
    user.value = u;
    session.value = "signed-in";
    sessionError.value = null;
    signedOutByUser.value = false;
  }

  /** Ends the session on the server; the local state is cleared even if that call fails. */
  async function signOut(): Promise<void> {
    try {
      await auth.logout(api);
    } catch {
      // Already signed out, or offline: either way the user asked to leave.
    }
    signedOutByUser.value = true;
    user.value = null;
    session.value = "signed-out";
    queueCounts.reset();
    toasts.clear();
  }

  return {
    api,
    user,
    session,
    sessionError,
    signedOutByUser,
    role: computed(() => user.value?.role ?? null),
    toasts,
    queueCounts,
    loadSession,
    ensureSession,
    signedIn,
    signOut,
  };
}

export type AppState = ReturnType<typeof createAppState>;
