/**
 * The test panel's sample data: a fixture deal for the trigger's CRM, a record fetched from the
 * trigger's connector, or the person's own JSON — a normalised deal or a raw CRM webhook event —
 * and which version to run.
 */
import { useState } from "preact/hooks";
import { Button } from "../components/button";
import { FormError, Select, Textarea } from "../components/field";
import type { ApiClient } from "../lib/api";
import type { WorkflowVersionInfo } from "../lib/api-types";
import { BIcon } from "./icons";
import { crmOfTrigger, SAMPLE_EVENTS, samplesFor } from "./sample-deals";
import { crmName, RecordFetch, recordLabel, type RecordSource } from "./test-record";

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

export type SampleBody = { deal: Record<string, unknown> } | { event: unknown };

/** The choice of a record fetched from the trigger's connector. */
const RECORD = "record";

/**
 * The sample being edited, kept by the panel so it survives folding the form away. `source` is the
 * trigger's connector, when it names one: then a record can be fetched from it.
 */
export function useSample(triggerType: string | undefined, source: RecordSource | null) {
  const samples = samplesFor(triggerType);
  const [chosen, setChosen] = useState(samples[0]?.id ?? "custom");
  // The trigger may lose its connector while the panel is open: its record choice goes with it.
  const sampleId = chosen === RECORD && !source ? "custom" : chosen;
  /** The record now in the editor, and whether the admin has changed it since. */
  const [record, setRecord] = useState<{ label: string; edited: boolean } | null>(null);
  const [text, setText] = useState(() => pretty(samples[0]?.deal ?? {}));
  const [kind, setKind] = useState<"deal" | "event">("deal");
  const [version, setVersion] = useState<"draft" | number>("draft");
  const [jsonError, setJsonError] = useState<string | null>(null);
  /** The editor holds the CRM's sample webhook body, untouched. */
  const [eventSample, setEventSample] = useState(false);

  function choose(id: string) {
    setChosen(id);
    setRecord(null);
    setEventSample(false);
    const s = samples.find((x) => x.id === id);
    if (s) {
      setText(pretty(s.deal));
      setKind("deal");
      setJsonError(null);
    }
  }

  /**
   * Switching what the JSON is: a sample or fetched deal becomes the trigger CRM's sample webhook
   * body (and back), so there is something of the right shape to edit; the person's own JSON stays.
   */
  function changeKind(next: "deal" | "event") {
    setKind(next);
    setJsonError(null);
    // The person's own JSON stays as it is (an untouched sample event is never "custom").
    if (chosen === "custom") return;
    const crm = crmOfTrigger(triggerType);
    if (next === "event" && crm) {
      setText(pretty(SAMPLE_EVENTS[crm]));
      setEventSample(true);
    } else if (next === "deal") {
      choose(samples[0]?.id ?? "custom");
    }
  }

  function fromRecord(deal: Record<string, unknown>, objectId: string) {
    setText(pretty(deal));
    setKind("deal");
    setJsonError(null);
    if (source) setRecord({ label: recordLabel(source, objectId), edited: false });
  }

  function edit(t: string) {
    setText(t);
    setEventSample(false);
    // An edited record is still that record (the summary says it was edited); anything else is the person's own JSON.
    if (sampleId === RECORD && record) setRecord({ ...record, edited: true });
    else setChosen("custom");
  }

  /** The request body, or null (with the reason shown under the JSON). */
  function body(): SampleBody | null {
    if (sampleId === RECORD && !record) {
      setJsonError(`Fetch a record from ${source ? crmName(source) : "the CRM"} first, or choose other sample data.`);
      return null;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      setJsonError("This is not valid JSON yet.");
      return null;
    }
    const isObject = !!parsed && typeof parsed === "object" && !Array.isArray(parsed);
    if (kind === "deal" && !isObject) {
      setJsonError("A deal is a JSON object, like the samples.");
      return null;
    }
    setJsonError(null);
    return kind === "deal" ? { deal: parsed as Record<string, unknown> } : { event: parsed };
  }

  // A sample or a record is a deal: once the JSON is sent as a raw event it is the person's own.
  const label =
    kind === "event" ? (eventSample ? "a sample CRM event" : "my own CRM event") : samples.find((x) => x.id === sampleId)?.label ??
    (sampleId === RECORD && record ? `${record.label}${record.edited ? " (edited)" : ""}` : `my own ${kind === "deal" ? "deal" : "CRM event"}`);
  return { samples, source, sampleId, text, kind, version, jsonError, label, choose, setKind: changeKind, setVersion, body, edit, fromRecord };
}

export type Sample = ReturnType<typeof useSample>;

export interface SampleFormProps {
  api: ApiClient;
  sample: Sample;
  versions: readonly WorkflowVersionInfo[];
  starting: boolean;
  error: string | null;
  onRun: () => void;
}

export function SampleForm({ api, sample, versions, starting, error, onRun }: SampleFormProps) {
  const choices = [
    ...sample.samples.map((s) => ({ value: s.id, label: s.label })),
    ...(sample.source ? [{ value: RECORD, label: `A record from ${crmName(sample.source)}` }] : []),
    { value: "custom", label: "My own JSON" },
  ];
  return (
    <form
      class="stack test-panel__form"
      onSubmit={(e) => {
        e.preventDefault();
        onRun();
      }}
    >
      <Select
        id="test-sample"
        label="Sample data"
        options={choices}
        value={sample.sampleId}
        onChange={(e) => sample.choose(e.currentTarget.value)}
      />
      {sample.sampleId === RECORD && sample.source ? <RecordFetch api={api} source={sample.source} onFetched={sample.fromRecord} /> : null}
      <Select
        id="test-kind"
        label="The JSON is"
        options={[
          { value: "deal", label: "A normalised deal" },
          { value: "event", label: "A raw CRM webhook event" },
        ]}
        value={sample.kind}
        onChange={(e) => sample.setKind(e.currentTarget.value as "deal" | "event")}
      />
      <Textarea
        id="test-json"
        label={sample.kind === "deal" ? "Deal (JSON)" : "CRM event (JSON)"}
        class="field--mono"
        rows={9}
        spellcheck={false}
        value={sample.text}
        error={sample.jsonError}
        hint={sample.kind === "deal" ? "Edit any field, e.g. arr, to try another path." : "The webhook body exactly as the CRM sends it."}
        onInput={(e) => sample.edit(e.currentTarget.value)}
      />
      <Select
        id="test-version"
        label="Run"
        options={[{ value: "draft", label: "The current draft" }, ...versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }))]}
        value={String(sample.version)}
        onChange={(e) => sample.setVersion(e.currentTarget.value === "draft" ? "draft" : Number(e.currentTarget.value))}
      />
      <FormError>{error}</FormError>
      <div>
        <Button type="submit" variant="primary" loading={starting}>
          {!starting ? <BIcon name="play" /> : null}
          Run test
        </Button>
      </div>
    </form>
  );
}

/** The folded form after a run: what was sent, run it again, or change it. */
export function SampleSummary({ sample, starting, error, onRun, onEdit }: { sample: Sample; starting: boolean; error: string | null; onRun: () => void; onEdit: () => void }) {
  return (
    <div class="test-panel__sample">
      <p class="test-run__note">
        Sample: <strong>{sample.label}</strong> · {sample.version === "draft" ? "the draft" : `version ${sample.version}`}
      </p>
      <div class="cluster">
        <Button size="sm" variant="primary" loading={starting} onClick={onRun}>
          {!starting ? <BIcon name="play" /> : null}
          Run again
        </Button>
        <Button size="sm" onClick={onEdit}>
          Change sample data
        </Button>
      </div>
      <FormError>{error}</FormError>
    </div>
  );
}
