import { describe, expect, it, vi } from "vitest";
import { ApiError, createApiClient, errorMessage, fieldErrors, listAll, withQuery } from "../../web/lib/api";
import { apiError, fakeFetch, json } from "./helpers";

/** The ApiError a call rejects with (fails the test if it resolves). */
const failure = (p: Promise<unknown>): Promise<ApiError> =>
  p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: ApiError) => e,
  );

describe("api client", () => {
  it("sends JSON to relative URLs with same-origin credentials", async () => {
    const fetch = fakeFetch({ "POST /api/users": () => json(201, { user: { id: "u1" } }) });
    const api = createApiClient({ fetch });
    const out = await api.post<{ user: { id: string } }>("/api/users", { name: "A" });
    expect(out.user.id).toBe("u1");
    const [call] = fetch.calls;
    expect(call.path).toBe("/api/users");
    expect(call.init.credentials).toBe("same-origin");
    expect((call.init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
    expect(call.body).toEqual({ name: "A" });
  });

  it("refuses absolute URLs, which the server's origin check would reject anyway", async () => {
    const api = createApiClient({ fetch: fakeFetch({}) });
    await expect(api.get("https://elsewhere.example/api/me")).rejects.toThrow(/relative/);
  });

  it("parses the contract's error shape into an ApiError", async () => {
    const details = [{ path: "members.0.weight", message: "Too small" }];
    const api = createApiClient({ fetch: fakeFetch({ "PUT /api/pools/p1": () => apiError(422, "validation_failed", "The request is not valid.", details) }) });
    const err = await failure(api.put("/api/pools/p1", {}));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.code).toBe("validation_failed");
    expect(err.message).toBe("The request is not valid.");
    expect(err.details).toEqual(details);
  });

  it("falls back to a readable message when the error body is not JSON", async () => {
    const api = createApiClient({ fetch: fakeFetch({ "GET /api/users": () => new Response("<html>Bad gateway</html>", { status: 502 }) }) });
    const err = await failure(api.get("/api/users"));
    expect(err.status).toBe(502);
    expect(err.code).toBe("http_502");
    expect(err.message).toMatch(/502/);
    expect(err.details).toEqual([]);
  });

  it("turns a network failure into status 0", async () => {
    const api = createApiClient({ fetch: (() => Promise.reject(new TypeError("Failed to fetch"))) as typeof fetch });
    const err = await failure(api.get("/api/me"));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.code).toBe("network_error");
  });

  it("reports 401 on authenticated calls, but not on calls that opt out (login)", async () => {
    const onUnauthorized = vi.fn();
    const fetch = fakeFetch({
      "GET /api/users": () => apiError(401, "unauthenticated", "Sign in first."),
      "POST /api/auth/login": () => apiError(401, "invalid_credentials", "Email or password is incorrect."),
    });
    const api = createApiClient({ fetch, onUnauthorized });
    await expect(api.post("/api/auth/login", {}, { auth: false })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(api.get("/api/users")).rejects.toMatchObject({ status: 401, code: "unauthenticated" });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("reads Retry-After on 429", async () => {
    const api = createApiClient({
      fetch: fakeFetch({ "POST /api/auth/login": () => apiError(429, "too_many_attempts", "Slow down.", [], { "Retry-After": "540" }) }),
    });
    const err = await failure(api.post("/api/auth/login", {}, { auth: false }));
    expect(err.retryAfterSeconds).toBe(540);
  });

  it("answers undefined for 204 No Content", async () => {
    const api = createApiClient({ fetch: fakeFetch({ "DELETE /api/pools/p1": () => new Response(null, { status: 204 }) }) });
    await expect(api.delete("/api/pools/p1")).resolves.toBeUndefined();
  });

  it("follows nextCursor until the list ends", async () => {
    const fetch = fakeFetch({
      "GET /api/users": ({ path }) =>
        path.includes("cursor=c2") ? json(200, { items: [{ id: "b" }], nextCursor: null }) : json(200, { items: [{ id: "a" }], nextCursor: "c2" }),
    });
    const items = await listAll<{ id: string }>(createApiClient({ fetch }), "/api/users");
    expect(items.map((i) => i.id)).toEqual(["a", "b"]);
    expect(fetch.calls.map((c) => c.path)).toEqual(["/api/users?limit=200", "/api/users?limit=200&cursor=c2"]);
  });
});

describe("api helpers", () => {
  it("maps validation details to fields, first message per path", () => {
    expect(
      fieldErrors([
        { path: "email", message: "Invalid email" },
        { path: "email", message: "second" },
        { path: "members.1.capacity", message: "Too big" },
        { message: "no path" },
      ]),
    ).toEqual({ email: "Invalid email", "members.1.capacity": "Too big" });
  });

  it("builds query strings without empty values", () => {
    expect(withQuery("/api/runs", { status: "failed", mode: "", cursor: null, limit: 50 })).toBe("/api/runs?status=failed&limit=50");
    expect(withQuery("/api/runs")).toBe("/api/runs");
  });

  it("gives a sentence for anything thrown", () => {
    expect(errorMessage(new ApiError(409, "conflict", "Already claimed"))).toBe("Already claimed");
    expect(errorMessage("weird")).toMatch(/went wrong/);
  });
});
