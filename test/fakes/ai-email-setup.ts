import type { TestProject } from "vitest/node";
import { startFakeEmailApi } from "./email-api";
import { startFakeOpenAi } from "./openai";

/** The keys the fakes accept; vitest.config.ts gives the same ones to the Worker as secrets. */
export const FAKE_OPENAI_KEY = "sk-test-fake-openai-key-0123456789abcdef";
export const FAKE_EMAIL_KEY = "re_test_fake_email_key_0123456789";

/**
 * Vitest global setup: starts the fake OpenAI-compatible server and the fake e-mail API once, in
 * Node, and provides their URLs to the Worker tests (workerd reaches 127.0.0.1 by plain fetch).
 */
export default async function setup(project: TestProject) {
  const openai = await startFakeOpenAi({ apiKey: FAKE_OPENAI_KEY });
  const email = await startFakeEmailApi({ apiKey: FAKE_EMAIL_KEY });
  project.provide("aiEmailFakes", {
    openai: openai.url,
    openaiControl: openai.url.replace(/\/v1$/, ""),
    openaiKey: FAKE_OPENAI_KEY,
    email: email.url,
    emailKey: FAKE_EMAIL_KEY,
  });
  return async () => {
    await Promise.all([openai.close(), email.close()]);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    aiEmailFakes: { openai: string; openaiControl: string; openaiKey: string; email: string; emailKey: string };
  }
}
