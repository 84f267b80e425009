import { describe, expect, it } from "vitest";
import { generate, withinWords } from "../../durable/ai/builtin/generate";
import { createBuiltinProvider } from "../../durable/ai/builtin";

describe("built-in generation", () => {
  const prompt = "Write a warm welcome e-mail.\nKeep it short.\n\nHi Maya,\n\nWelcome to Onboarding Workflows!   Jordan Reyes is your CSM and will call you this week . We start with a kickoff on May 4.\n\nThe team";

  it("returns the message lines of the filled prompt, tidied", () => {
    expect(generate(prompt)).toBe("Hi Maya,\n\nWelcome to Onboarding Workflows! Jordan Reyes is your CSM and will call you this week. We start with a kickoff on May 4.\n\nThe team");
  });

  it("stays within maxWords, cutting at a sentence end", () => {
    const text = generate(prompt, 12);
    expect(text.split(/\s+/).length).toBeLessThanOrEqual(12);
    expect(text).toBe("Hi Maya,\n\nWelcome to Onboarding Workflows!");
  });

  it("cuts a long first sentence with an ellipsis", () => {
    expect(withinWords("one two three four five six", 3)).toBe("one two three…");
    expect(withinWords("short", 3)).toBe("short");
  });

  it("keeps an instruction-only prompt rather than returning nothing", () => {
    expect(generate("Write a welcome note for Brightline")).toBe("Write a welcome note for Brightline");
  });

  it("is deterministic and says it is the built-in provider", async () => {
    const p = createBuiltinProvider();
    const a = await p.complete({ task: "generate", prompt, input: "", maxWords: 20 });
    const b = await p.complete({ task: "generate", prompt, input: "", maxWords: 20 });
    expect(a).toEqual(b);
    expect(p).toMatchObject({ id: "builtin", model: "deterministic-v1", host: null });
  });
});
