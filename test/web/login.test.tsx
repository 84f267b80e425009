import { fireEvent, screen, waitFor } from "@testing-library/preact";
import { describe, expect, it } from "vitest";
import { ADMIN, CSM, apiError, fakeFetch, json, renderApp } from "./helpers";

function fill(email: string, password: string) {
  fireEvent.input(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.input(screen.getByLabelText("Password"), { target: { value: password } });
}

const submit = () => fireEvent.click(screen.getByRole("button", { name: "Sign in" }));

describe("sign-in page", () => {
  it("renders a labelled form and asks for missing fields without calling the server", async () => {
    const fetch = fakeFetch({});
    renderApp("/login", fetch);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toMatch(/sign in/i);
    submit();
    expect(await screen.findByText("Enter your email address.")).toBeTruthy();
    expect(screen.getByText("Enter your password.")).toBeTruthy();
    expect(screen.getByLabelText("Email").getAttribute("aria-invalid")).toBe("true");
    expect(fetch.calls).toEqual([]);
    expect(document.title).toBe("Sign in · Onboarding Workflows");
  });

  it("shows the 401 message inline and clears the password", async () => {
    const fetch = fakeFetch({ "POST /api/auth/login": () => apiError(401, "invalid_credentials", "Nope") });
    renderApp("/login", fetch);
    fill("admin@example.com", "wrong-password");
    submit();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Email or password is incorrect");
    expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe("");
    expect(fetch.calls[0]).toMatchObject({ method: "POST", path: "/api/auth/login", body: { email: "admin@example.com", password: "wrong-password" } });
    expect(location.pathname).toBe("/login");
  });

  it("turns a 429 with Retry-After into minutes", async () => {
    const fetch = fakeFetch({
      "POST /api/auth/login": () => apiError(429, "too_many_attempts", "Too many failed sign-ins.", [], { "Retry-After": "840" }),
    });
    renderApp("/login", fetch);
    fill("admin@example.com", "demo-password");
    submit();
    expect((await screen.findByRole("alert")).textContent).toBe("Too many attempts — try again in 14 minutes");
  });

  it("signs in and continues to the page in ?next=", async () => {
    const fetch = fakeFetch({
      "POST /api/auth/login": () => json(200, { user: CSM }),
      "GET /api/me": () => json(200, CSM),
    });
    renderApp("/login?next=%2Faccounts%3Ffrom%3Dmail", fetch);
    fill(" csm1@example.com ", "demo-password");
    submit();
    await waitFor(() => expect(location.pathname + location.search).toBe("/accounts?from=mail"));
    expect(await screen.findByRole("heading", { level: 1, name: "Accounts" })).toBeTruthy();
    expect(fetch.calls[0].body).toEqual({ email: "csm1@example.com", password: "demo-password" });
  });

  it("ignores a ?next= that points off-site", async () => {
    const fetch = fakeFetch({ "POST /api/auth/login": () => json(200, { user: ADMIN }), "GET /api/users": () => json(200, { items: [], nextCursor: null }) });
    renderApp("/login?next=%2F%2Fevil.example%2Fphish", fetch);
    fill("admin@example.com", "demo-password");
    submit();
    // "/" for an admin is the Workflows page.
    await waitFor(() => expect(location.pathname).toBe("/workflows"));
  });
});
