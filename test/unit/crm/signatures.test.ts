import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { hubspotDecodeUri, hubspotSignatureV3, verifyHubspot, verifyNotion } from "../../../worker/webhooks/signatures";
// @ts-expect-error plain ESM: the fixtures' signing script
import * as sign from "../../fixtures/sign.mjs";

const body = readFileSync(new URL("../../fixtures/hubspot/deal-batch-mixed.json", import.meta.url), "utf8");

describe("webhook signatures agree with the fixtures' sign.mjs and the vendors' vectors", () => {
  it("HubSpot v3: same value as sign.mjs, including the URI decode list", async () => {
    const url = "https://hooks.example.com/webhooks/hubspot/con_1?x=%3A%2F%40";
    const timestamp = "1774629730512";
    const ours = await hubspotSignatureV3("s3cret", "POST", url, body, timestamp);
    expect(ours).toBe(sign.hubspotSignatureV3({ clientSecret: "s3cret", method: "POST", url, body, timestamp }));
    expect(hubspotDecodeUri("a%3Ab%2fc%40d%20e")).toBe("a:b/c@d%20e");
  });

  it("HubSpot v3: valid within 5 minutes either way, stale beyond, compared against every candidate URL", async () => {
    const url = "https://hooks.example.com/x";
    const now = 1_800_000_000_000;
    const at = (ms: number) => String(now + ms);
    const sig = (ts: string) => hubspotSignatureV3("k", "POST", url, body, ts);
    const check = async (ts: string, urls = [url]) => verifyHubspot({ clientSecret: "k", method: "POST", urls, body, signature: await sig(ts), timestamp: ts, now });
    expect(await check(at(-299_000))).toEqual({ ok: true });
    expect(await check(at(299_000))).toEqual({ ok: true });
    expect(await check(at(-301_000))).toMatchObject({ ok: false, code: "timestamp_stale" });
    expect(await check(at(0), ["https://other.example.com/x", url])).toEqual({ ok: true });
    expect(await check(at(0), ["https://other.example.com/x"])).toMatchObject({ ok: false, code: "signature_invalid" });
    expect(await verifyHubspot({ clientSecret: "k", method: "POST", urls: [url], body, signature: null, timestamp: at(0), now })).toMatchObject({ code: "signature_missing" });
  });

  it("Notion: the sample X-Notion-Signature from Notion's webhooks page", async () => {
    const token = "secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl";
    const sample = JSON.stringify({ verification_token: token });
    expect(await verifyNotion(token, sample, "sha256=461e8cbcba8a75c3edd866f0e71280f5a85cbf21eff040ebd10fe266df38a735")).toEqual({ ok: true });
    expect(await verifyNotion(token, sample + " ", "sha256=461e8cbcba8a75c3edd866f0e71280f5a85cbf21eff040ebd10fe266df38a735")).toMatchObject({ ok: false });
    expect(await verifyNotion(token, body, sign.notionSignature({ verificationToken: token, body }))).toEqual({ ok: true });
  });
});
