import { useEffect, useState } from "preact/hooks";
import { Badge } from "../../components/badge";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { FormError, Input, Select } from "../../components/field";
import { errorMessage, fieldErrors, isApiError } from "../../lib/api";
import { saveEmailChoice, testEmail, type EmailTestResult, type Settings } from "../../lib/endpoints/settings";
import { useAppState } from "../../state/context";
import { providerChoices, SOURCE_LABELS } from "./format";
import { TestResult } from "./test-result";

/** The e-mail provider: where live e-mails go, a choice among configured ones and a real test e-mail. */
export function EmailCard({ settings, onSaved, onSent }: { settings: Settings["email"]; onSaved: (s: Settings) => void; onSent: () => void }) {
  const { api, toasts, user } = useAppState();
  const { active, usage } = settings;
  const [provider, setProvider] = useState(active.provider);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [to, setTo] = useState(user.value?.email ?? "");
  const [toError, setToError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<EmailTestResult | null>(null);

  useEffect(() => setProvider(active.provider), [active.provider]);

  async function save(e: Event) {
    e.preventDefault();
    setSaving(true);
    setSaveError(null);
    try {
      onSaved(await saveEmailChoice(api, provider));
      toasts.success("E-mail provider saved");
    } catch (err) {
      setSaveError(isApiError(err) && err.status === 422 ? (fieldErrors(err.details).provider ?? err.message) : errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  async function send(e: Event) {
    e.preventDefault();
    setSending(true);
    setToError(null);
    setResult(null);
    try {
      const r = await testEmail(api, to.trim());
      setResult(r);
      onSent();
    } catch (err) {
      if (isApiError(err) && err.status === 422) setToError(fieldErrors(err.details).to ?? "Enter a valid e-mail address.");
      else toasts.error(err, "Couldn't send the test e-mail");
    } finally {
      setSending(false);
    }
  }

  return (
    <Card title="E-mail provider" description="Delivers the e-mails of live runs. Every e-mail is also kept in the outbox; test runs never leave it.">
      <dl class="details">
        <div>
          <dt>Active</dt>
          <dd>
            <span class="cluster">
              {active.label} <Badge tone={active.source === "settings" ? "brand" : "neutral"}>{SOURCE_LABELS[active.source]}</Badge>
            </span>
          </dd>
        </div>
        {active.host ? (
          <div>
            <dt>API host</dt>
            <dd>{active.host}</dd>
          </div>
        ) : null}
        <div>
          <dt>Cost per run</dt>
          <dd>
            <span>{settings.cost.free ? "Free" : "Set by your provider's plan"}</span>
            {usage.emailsPerRun !== null ? <span class="cell-muted"> — {usage.emailsPerRun === 1 ? "1 e-mail" : `${usage.emailsPerRun} e-mails`} per live run</span> : null}
          </dd>
        </div>
        <div>
          <dt>Last 30 days</dt>
          <dd>
            {usage.kept30d.toLocaleString()} kept in the <a href="/outbox">outbox</a>, {usage.delivered30d.toLocaleString()} delivered by a provider
          </dd>
        </div>
      </dl>
      {active.note ? <p class="st-note">{active.note}</p> : null}

      <form class="st-test" onSubmit={send} aria-label="Send a test e-mail" noValidate>
        <Input label="Send a test e-mail to" type="email" autoComplete="email" value={to} onInput={(e) => setTo(e.currentTarget.value)} error={toError} />
        <Button type="submit" icon="outbox" loading={sending}>
          Send test e-mail
        </Button>
      </form>
      {result ? (
        <TestResult ok={result.ok}>
          {result.detail}
          {result.outboxId ? (
            <>
              {" "}
              <a href={`/outbox?id=${encodeURIComponent(result.outboxId)}`}>See it in the outbox</a>
            </>
          ) : null}
        </TestResult>
      ) : null}

      <form class="st-form" onSubmit={save} aria-label="Choose the e-mail provider" noValidate>
        <Select label="E-mail provider" options={providerChoices(settings.options)} value={provider} onChange={(e) => setProvider(e.currentTarget.value)} />
        <div class="st-form__actions">
          <Button type="submit" variant="primary" loading={saving}>
            Save e-mail provider
          </Button>
        </div>
        <FormError>{saveError}</FormError>
      </form>
    </Card>
  );
}
