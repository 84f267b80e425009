import { fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { describe, expect, it, vi } from "vitest";
import type { Connector } from "../../web/lib/api-types";
import { AddConnectorDialog } from "../../web/pages/connectors/connector-dialogs";
import { draftFromConnector, toPatch, validateDraft } from "../../web/pages/connectors/connector-form";
import { apiError, fakeFetch, json, renderWithState } from "./helpers";

const connector = (over: Partial<Connector> = {}): Connector => ({
  id: "con_new",
  kind: "hubspot",
  name: "HubSpot",
  status: "connected",
  mode: "live",
  webhookUrl: "https://app.example.com/webhooks/hubspot/con_new",
  lastEventAt: null,
  lastError: null,
  credentials: { accessToken: "pat-…a1b2", clientSecret: "…ef" },
  settings: {},
  verification: null,
  createdAt: "2026-03-01T00:00:00Z",
  updatedAt: "2026-03-01T00:00:00Z",
  ...over,
});

function open(fetch: ReturnType<typeof fakeFetch>) {
  const onClose = vi.fn();
  const onCreated = vi.fn();
  renderWithState(<AddConnectorDialog open onClose={onClose} onCreated={onCreated} />, fetch);
  return { onClose, onCreated, dialog: screen.getByRole("dialog", { name: "Add connector" }) };
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const create = () => fireEvent.click(screen.getByRole("button", { name: "Create connector" }));
const errorOf = (label: string) => {
  const el = screen.getByLabelText(label);
  return el.getAttribute("aria-invalid") === "true" ? document.getElementById(el.getAttribute("aria-describedby")!.split(" ").pop()!)?.textContent : null;
};

describe("Add connector dialog", () => {
  it("offers the three CRMs and asks HubSpot for its access token and client secret, with help", async () => {
    const fetch = fakeFetch({ "POST /api/connectors": ({ body }) => json(201, connector({ name: (body as { name: string }).name })) });
    const { onCreated, onClose, dialog } = open(fetch);
    const crms = within(within(dialog).getByRole("group", { name: "CRM" })).getAllByRole("radio");
    expect(crms.map((r) => r.closest("label")!.querySelector(".con-choice__name")!.textContent)).toEqual(["HubSpot", "Salesforce", "Notion"]);
    expect((screen.getByRole("radio", { name: /HubSpot/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("HubSpot");
    expect((screen.getByLabelText("Access token") as HTMLInputElement).type).toBe("password");
    expect(screen.getByLabelText("Client secret").getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.getByText(/HubSpot signs every webhook with it/)).toBeTruthy();

    create();
    await waitFor(() => expect(errorOf("Access token")).toBe("Enter the access token"));
    expect(errorOf("Client secret")).toBe("Enter the client secret");
    expect(document.activeElement).toBe(screen.getByLabelText("Access token"));
    expect(fetch.calls).toEqual([]);

    type("Access token", " pat-na1-made-up ");
    type("Client secret", "shh");
    create();
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(fetch.calls[0].body).toEqual({ kind: "hubspot", name: "HubSpot", credentials: { accessToken: "pat-na1-made-up", clientSecret: "shh" } });
    expect(onClose).toHaveBeenCalled();
  });

  it("asks Salesforce for instance URL, token and org id — or a connected app's OAuth client — and checks their format", async () => {
    const fetch = fakeFetch({ "POST /api/connectors": () => json(201, connector({ kind: "salesforce", name: "Salesforce" })) });
    const { onCreated } = open(fetch);
    fireEvent.click(screen.getByRole("radio", { name: /Salesforce/ }));
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("Salesforce");
    expect(screen.queryByLabelText("Client secret")).toBeNull();
    type("Instance URL", "northwind.my.salesforce.com");
    type("Access token", "00Dxx!token");
    type("Organization ID", "12345");
    create();
    await waitFor(() => expect(errorOf("Instance URL")).toMatch(/full http\(s\) URL/));
    expect(errorOf("Organization ID")).toMatch(/starts with 00D/);
    expect(fetch.calls).toEqual([]);

    fireEvent.click(screen.getByRole("radio", { name: /Connected app \(OAuth\)/ }));
    expect(screen.queryByLabelText("Instance URL")).toBeNull();
    type("Login URL", "https://login.salesforce.com");
    type("Client ID (consumer key)", "3MVG9");
    type("Client secret (consumer secret)", "consumer-secret");
    type("Refresh token", "5Aep861");
    type("Organization ID", "00D5g00000KxRtUEAV");
    create();
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(fetch.calls[0].body).toEqual({
      kind: "salesforce",
      name: "Salesforce",
      credentials: { loginUrl: "https://login.salesforce.com", clientId: "3MVG9", clientSecret: "consumer-secret", refreshToken: "5Aep861", organizationId: "00D5g00000KxRtUEAV" },
    });
  });

  it("asks Notion for the integration secret only; the verification token and API host are optional", async () => {
    const fetch = fakeFetch({ "POST /api/connectors": () => json(201, connector({ kind: "notion", name: "Deals DB" })) });
    const { onCreated } = open(fetch);
    type("Name", "Deals DB");
    fireEvent.click(screen.getByRole("radio", { name: /Notion/ }));
    expect((screen.getByLabelText("Name") as HTMLInputElement).value).toBe("Deals DB");
    expect(screen.getByLabelText("Verification token (optional)")).toBeTruthy();
    expect(screen.getByText(/Notion sends it to the webhook URL/)).toBeTruthy();
    type("Integration secret", "ntn_made_up");
    type("API base URL (optional)", "http://127.0.0.1:8792");
    create();
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(fetch.calls[0].body).toEqual({ kind: "notion", name: "Deals DB", credentials: { token: "ntn_made_up", apiBaseUrl: "http://127.0.0.1:8792" } });
  });

  it("puts the server's 422 on the named field and other failures at the top, keeping the dialog open", async () => {
    let answer = apiError(422, "validation_failed", "The request is not valid.", [{ path: "credentials.clientSecret", message: "Required" }]);
    const fetch = fakeFetch({ "POST /api/connectors": () => answer });
    const { onCreated, dialog } = open(fetch);
    type("Access token", "pat");
    type("Client secret", "x");
    create();
    await waitFor(() => expect(errorOf("Client secret")).toBe("Required"));
    answer = apiError(503, "connector_unavailable", "Connectors cannot be used: ENCRYPTION_KEY is not set.");
    type("Client secret", "y");
    create();
    expect(await within(dialog).findByRole("alert")).toHaveProperty("textContent", "Connectors cannot be used: ENCRYPTION_KEY is not set.");
    expect(onCreated).not.toHaveBeenCalled();
  });
});

describe("editing a connector", () => {
  it("keeps secrets left empty, sends changed URLs and clears a removed optional field", () => {
    const c = connector({ credentials: { accessToken: "pat-…a1b2", clientSecret: "…ef", apiBaseUrl: "http://127.0.0.1:8790" } });
    const d = draftFromConnector(c);
    expect(d.values).toEqual({ apiBaseUrl: "http://127.0.0.1:8790" });
    expect(validateDraft(d, c)).toEqual({});
    expect(toPatch(d, c)).toBeNull();
    expect(toPatch({ ...d, name: "HubSpot EU" }, c)).toEqual({ name: "HubSpot EU" });
    expect(toPatch({ ...d, values: { accessToken: "pat-new", apiBaseUrl: "" } }, c)).toEqual({ credentials: { accessToken: "pat-new", apiBaseUrl: "" } });
  });

  it("switching Salesforce to OAuth needs the new secrets and drops the old method's fields", () => {
    const c = connector({
      kind: "salesforce",
      credentials: { instanceUrl: "https://x.my.salesforce.com", accessToken: "…en", organizationId: "00D5g00000KxRtUEAV" },
    });
    const d = { ...draftFromConnector(c), sfAuth: "oauth" as const };
    expect(Object.keys(validateDraft(d, { ...c, credentials: {} }))).toEqual([
      "credentials.loginUrl",
      "credentials.clientId",
      "credentials.clientSecret",
      "credentials.refreshToken",
    ]);
    const filled = { ...d, values: { ...d.values, loginUrl: "https://login.salesforce.com", clientId: "id", clientSecret: "s", refreshToken: "r", organizationId: "00D5g00000KxRtUEAV" } };
    expect(toPatch(filled, c)).toEqual({
      credentials: { loginUrl: "https://login.salesforce.com", clientId: "id", clientSecret: "s", refreshToken: "r", instanceUrl: "", accessToken: "" },
    });
  });
});
