import { useState } from "preact/hooks";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { formatDay, formatWeekday, todayIso } from "../../components/due-badge/format";
import { Input } from "../../components/field";
import { Loadable } from "../../components/loadable";
import { getHolidays, saveHolidays } from "../../lib/endpoints/settings";
import { useLoad } from "../../lib/use-load";
import { useAppState } from "../../state/context";
import { isIsoDate } from "../../../durable/lib/dates";

/**
 * The workspace's holidays: onboarding plans skip them as they skip weekends. Each add or removal
 * saves the list at once; plans already applied keep their dates.
 */
export function HolidaysCard() {
  const { api, toasts } = useAppState();
  const loaded = useLoad(() => getHolidays(api), []);
  const [day, setDay] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const today = todayIso();

  async function save(days: string[], changed: string, done: string) {
    setSaving(changed);
    try {
      const saved = await saveHolidays(api, days);
      loaded.update(() => saved);
      toasts.success(done);
      return true;
    } catch (err) {
      toasts.error(err, "The holidays were not saved");
      return false;
    } finally {
      setSaving(null);
    }
  }

  return (
    <Card title="Holidays" description="Onboarding plans skip these days as they skip weekends: no task falls due on one, and a plan applied on one starts on the next business day. Plans already applied keep their dates.">
      <Loadable loaded={loaded} what="holidays">
        {({ days }) => {
          async function add(e: Event) {
            e.preventDefault();
            const problem = !day ? "Choose a day." : !isIsoDate(day) ? "Use a date like 2026-12-25." : days.includes(day) ? `${formatDay(day)} is already a holiday.` : null;
            setError(problem);
            if (problem) return;
            if (await save([...days, day], day, `${formatDay(day)} added`)) setDay("");
          }
          return (
            <>
              {days.length ? (
                <ul class="st-holidays" aria-label="Holidays">
                  {days.map((d) => (
                    <li key={d} class={d < today ? "is-past" : undefined}>
                      <time dateTime={d}>{formatWeekday(d)}, {d.slice(0, 4)}</time>
                      {d < today ? <span class="cell-muted"> · past</span> : null}
                      <Button size="sm" variant="ghost" icon="trash" aria-label={`Remove ${formatDay(d)}`} loading={saving === d} disabled={saving !== null} onClick={() => save(days.filter((x) => x !== d), d, `${formatDay(d)} removed`)}>
                        Remove
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="cell-muted">No holidays yet: plans count Monday to Friday.</p>
              )}
              <form class="st-form" onSubmit={add} aria-label="Add a holiday" noValidate>
                <Input
                  label="Day off"
                  name="holiday"
                  type="date"
                  value={day}
                  error={error}
                  onInput={(e) => {
                    setDay(e.currentTarget.value);
                    setError(null);
                  }}
                />
                <div class="st-form__actions">
                  <Button type="submit" icon="plus" loading={saving === day && day !== ""} disabled={saving !== null}>
                    Add holiday
                  </Button>
                </div>
              </form>
            </>
          );
        }}
      </Loadable>
    </Card>
  );
}
