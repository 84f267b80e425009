import { afterEach, describe, expect, it, vi } from "vitest";
import { decryptString, encryptString, hmacSha256, toHex } from "../../worker/lib/crypto";

afterEach(() => vi.restoreAllMocks());

describe("imported keys are kept per isolate", () => {
  it("an HMAC secret is imported once, and each secret still signs with its own key", async () => {
    const imports = vi.spyOn(crypto.subtle, "importKey");
    const secret = `secret-${crypto.randomUUID()}`;
    const other = `secret-${crypto.randomUUID()}`;
    const first = toHex(await hmacSha256(secret, "POST https://example.com/hook {} 1700000000000"));
    const again = toHex(await hmacSha256(secret, "POST https://example.com/hook {} 1700000000000"));
    const otherSig = toHex(await hmacSha256(other, "POST https://example.com/hook {} 1700000000000"));
    expect(again).toBe(first);
    expect(otherSig).not.toBe(first);
    expect(imports).toHaveBeenCalledTimes(2);
    // The known answer (RFC 4231 test case 2), so the cached key is the right key.
    expect(toHex(await hmacSha256("Jefe", "what do ya want for nothing?"))).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });

  it("the encryption key is imported once for any number of secrets, and a bad key is refused every time", async () => {
    const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
    const imports = vi.spyOn(crypto.subtle, "importKey");
    const sealed = await Promise.all(["a", "b", "c"].map((s) => encryptString(key, s)));
    expect(await Promise.all(sealed.map((s) => decryptString(key, s)))).toEqual(["a", "b", "c"]);
    expect(imports.mock.calls.length).toBeLessThanOrEqual(3); // concurrent first uses may each import
    const before = imports.mock.calls.length;
    await encryptString(key, "d");
    expect(imports.mock.calls.length).toBe(before);
    await expect(encryptString("dG9vLXNob3J0", "x")).rejects.toThrow(/32 bytes/);
    await expect(encryptString("dG9vLXNob3J0", "x")).rejects.toThrow(/32 bytes/);
  });
});
