import { useEffect, useState } from "preact/hooks";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { formatDay } from "../../components/due-badge/format";
import { FormError, Input, Select } from "../../components/field";
import { errorMessage, fieldErrors, isApiError } from "../../lib/api";
import { saveAiChoice, testAi, type AiTestResult, type Settings } from "../../lib/endpoints/settings";
import { useAppState } from "../../state/context";
import { plural, providerChoices, SOURCE_LABELS, usd } from "./format";
import { TestResult } from "./test-result";

/** Cost per run, in one phrase. */
function perRun(cost: Settings["ai"]["cost"]): string {
  if (cost.free) return "Free";
  if (cost.perRunUsd !== null) return `≈ ${usd(cost.perRunUsd)} per run`;
  return cost.tokensPerRun !== null ? `≈ ${cost.tokensPerRun.toLocaleString()} tokens per run (price unknown)` : "Unknown";
}

/** The AI provider: what answers AI steps, what it costs, a choice among configured ones and a test call. */
export function AiCard({ settings, onSaved }: { settings: Settings["ai"]; onSaved: (s: Settings) => void }) {
  const { api, toasts } = useAppState();
  const { active, cost } = settings;
  const [provider, setProvider] = useState(active.provider);
  const [model, setModel] = useState("");
  const [price, setPrice] = useState("");
  const [timeout, setTimeoutSecs] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<AiTestResult | null>(null);

  useEffect(() => setProvider(active.provider), [active.provider]);
  const builtin = provider === "builtin";
  const defaultModel = settings.options.find((o) => o.provider === provider)?.model ?? "";

  async function save(e: Event) {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      const body = {
        provider,
        ...(!builtin && model.trim() ? { model: model.trim() } : {}),
        ...(!builtin && price.trim() ? { pricePer1kTokens: Number(price) } : {}),
        ...(!builtin && timeout.trim() ? { timeoutMs: Math.round(Number(timeout) * 1000) } : {}),
      };
      onSaved(await saveAiChoice(api, body));
      setResult(null);
      toasts.success("AI provider saved");
    } catch (err) {
      if (isApiError(err) && err.status === 422) {
        const f = fieldErrors(err.details);
        setErrors({ ...f, timeout: f.timeoutMs ?? "", price: f.pricePer1kTokens ?? "" });
        setFormError(f.provider ?? (Object.keys(f).length ? null : err.message));
      } else setFormError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  async function runTest() {
    setTesting(true);
    try {
      setResult(await testAi(api));
    } catch (err) {
      toasts.error(err, "Couldn't run the test");
    } finally {
      setTesting(false);
    }
  }

  return (
    <Card
      title="AI provider"
      description="Answers the AI transform, classify and generate steps — test runs use it too."
      actions={
        <Button icon="refresh" loading={testing} onClick={runTest}>
          Send test request
        </Button>
      }
    >
      <dl class="details">
        <div>
          <dt>Active</dt>
          <dd>
            <span class="cluster">
              {active.label} <Badge tone={active.source === "settings" ? "brand" : "neutral"}>{SOURCE_LABELS[active.source]}</Badge>
            </span>
          </dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd>{active.model}</dd>
        </div>
        {active.host ? (
          <div>
            <dt>Endpoint host</dt>
            <dd>{active.host}</dd>
          </div>
        ) : null}
        {active.provider !== "builtin" ? (
          <div>
            <dt>Timeout</dt>
            <dd>{active.timeoutMs / 1000} s per request</dd>
          </div>
        ) : null}
        <div>
          <dt>Cost per run</dt>
          <dd>
            <span>{perRun(cost)}</span>
            <span class="cell-muted"> — {cost.note}</span>
          </dd>
        </div>
        {!cost.free && cost.pricePer1kTokensUsd !== null ? (
          <div>
            <dt>Price</dt>
            <dd>{usd(cost.pricePer1kTokensUsd)} per 1,000 tokens</dd>
          </div>
        ) : null}
        {cost.usage ? (
          <div>
            <dt>Usage</dt>
            <dd>
              {plural(cost.usage.calls, "call")} in {plural(cost.usage.runs, "run")}
              {cost.usage.inputTokens + cost.usage.outputTokens > 0 ? `, ${plural(cost.usage.inputTokens + cost.usage.outputTokens, "token")}` : ""} since {formatDay(cost.usage.since)}
            </dd>
          </div>
        ) : null}
      </dl>
      {active.note ? <p class="st-note">{active.note}</p> : null}
      {result ? (
        <TestResult ok={result.ok}>
          {result.detail}
          {result.tokens ? ` ${(result.tokens.input ?? 0) + (result.tokens.output ?? 0)} tokens.` : ""}
        </TestResult>
      ) : null}

      <form class="st-form" onSubmit={save} aria-label="Choose the AI provider" noValidate>
        <Select label="Provider" options={providerChoices(settings.options)} value={provider} onChange={(e) => setProvider(e.currentTarget.value)} />
        {!builtin ? (
          <>
            <Input label="Model (optional)" placeholder={defaultModel} value={model} onInput={(e) => setModel(e.currentTarget.value)} error={errors.model} />
            <Input label="Price per 1,000 tokens, USD (optional)" inputMode="decimal" value={price} onInput={(e) => setPrice(e.currentTarget.value)} error={errors.price} />
            <Input label="Timeout, seconds (optional)" inputMode="decimal" placeholder="30" value={timeout} onInput={(e) => setTimeoutSecs(e.currentTarget.value)} error={errors.timeout} />
          </>
        ) : null}
        <div class="st-form__actions">
          <Button type="submit" variant="primary" loading={saving}>
            Save AI provider
          </Button>
        </div>
        <FormError>{formError}</FormError>
      </form>
    </Card>
  );
}
