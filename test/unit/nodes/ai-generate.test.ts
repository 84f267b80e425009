import { describe, expect, it } from "vitest";
import { limitWords } from "../../../durable/nodes/ai-generate";
import { expectKind, runNode } from "../helpers/run-node";
import { sampleDeal } from "../helpers/sample-data";

describe("ai.generate", () => {
  it("renders the prompt and returns the text, trimmed to maxWords", async () => {
    const { outcome, fake } = await runNode("ai.generate", { prompt: "Welcome note for {{deal.company.name}}", maxWords: 5 }, { deal: sampleDeal() }, {
      aiAnswers: ["  Welcome aboard, Brightline!\nWe are thrilled to start.  "],
    });
    expect(fake.calls.ai[0]).toMatchObject({ task: "generate", prompt: "Welcome note for Brightline Analytics", maxWords: 5 });
    expect(expectKind(outcome, "next").output).toMatchObject({ text: "Welcome aboard, Brightline!\nWe are", words: 5, truncated: true, ai: { provider: "builtin" } });
  });

  it("accepts {text} answers and keeps numeric prose as text", async () => {
    const wrapped = await runNode("ai.generate", { prompt: "x" }, {}, { aiAnswers: [{ text: "Hello" }] });
    expect(expectKind(wrapped.outcome, "next").output).toMatchObject({ text: "Hello", truncated: false });
    const numeric = await runNode("ai.generate", { prompt: "x" }, {}, { aiAnswers: ["42"] });
    expect(expectKind(numeric.outcome, "next").output).toMatchObject({ text: "42" });
  });

  it("fails after two empty answers", async () => {
    const { outcome } = await runNode("ai.generate", { prompt: "x" }, {}, { aiAnswers: ["", { nope: 1 }] });
    expect(outcome).toMatchObject({ retryable: false, error: { code: "ai_invalid_output" } });
  });

  it("limitWords keeps short text whole", () => {
    expect(limitWords(" a  b ", 3)).toEqual({ text: "a  b", words: 2, truncated: false });
    expect(limitWords("", 3)).toEqual({ text: "", words: 0, truncated: false });
  });
});
