/**
 * WebCrypto helpers: password hashing, random tokens, SHA-256, HMAC and AES-GCM.
 * Everything here runs in Workers and in Node alike.
 */

import { remember } from "./bounded-map";

const enc = new TextEncoder();

/** Workers cap PBKDF2 at 100,000 iterations; we use the cap. */
export const PBKDF2_ITERATIONS = 100_000;

export function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const u = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = "";
  for (const b of u) s += b.toString(16).padStart(2, "0");
  return s;
}

export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** 256 random bits, URL-safe: session tokens and form links. */
export function randomToken(): string {
  return toBase64Url(randomBytes(32));
}

/** Short random id for rows (128 bits). */
export function newId(prefix = ""): string {
  return prefix + toBase64Url(randomBytes(16));
}

export async function sha256Hex(input: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", enc.encode(input)));
}

async function pbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", enc.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** `pbkdf2-sha256$<iterations>$<salt>$<hash>` with a per-user 128-bit salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await pbkdf2(password, salt, PBKDF2_ITERATIONS);
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !iter || !salt || !hash) return false;
  const actual = await pbkdf2(password, fromBase64Url(salt), Number(iter));
  return timingSafeEqual(actual, fromBase64Url(hash));
}

/** Constant-time comparison of two byte strings. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function timingSafeEqualString(a: string, b: string): boolean {
  return timingSafeEqual(enc.encode(a), enc.encode(b));
}

/**
 * Imported keys, kept per isolate: a webhook's signature check imported its connector's secret on
 * every delivery, ~1 ms each in the bench profile. Only the non-extractable CryptoKey is kept,
 * under the secret it came from (already in this isolate's memory), and a bounded number of them.
 */
const importedKeys = new Map<string, CryptoKey>();

/** The key itself is kept, not the import's promise: a promise must not be shared between requests. */
async function importedKey(kind: string, secret: string, importKey: () => Promise<CryptoKey>): Promise<CryptoKey> {
  const id = `${kind}:${secret}`;
  const kept = importedKeys.get(id);
  if (kept) return kept;
  const key = await importKey();
  remember(importedKeys, id, key, 64);
  return key;
}

export async function hmacSha256(key: string, message: string | Uint8Array): Promise<Uint8Array> {
  const k = await importedKey("hmac", key, () => crypto.subtle.importKey("raw", enc.encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]));
  const data = typeof message === "string" ? enc.encode(message) : message;
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, data));
}

function aesKey(keyB64: string): Promise<CryptoKey> {
  return importedKey("aes", keyB64, async () => {
    const raw = fromBase64Url(keyB64.replace(/=+$/, ""));
    if (raw.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes, base64-encoded");
    return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  });
}

/** AES-256-GCM with a random 96-bit IV: `v1.<iv>.<ciphertext>`. */
export async function encryptString(keyB64: string, plain: string): Promise<string> {
  const iv = randomBytes(12);
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await aesKey(keyB64), enc.encode(plain));
  return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ct))}`;
}

export async function decryptString(keyB64: string, sealed: string): Promise<string> {
  const [v, iv, ct] = sealed.split(".");
  if (v !== "v1" || !iv || !ct) throw new Error("Unknown ciphertext format");
  const pt = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64Url(iv) }, await aesKey(keyB64), fromBase64Url(ct));
  return new TextDecoder().decode(pt);
}
