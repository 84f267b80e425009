import { Button } from "../components/button";
import { Loadable } from "../components/loadable";
import { PageHeader } from "../components/page-header";
import { getSettings, type Settings } from "../lib/endpoints/settings";
import { useLoad } from "../lib/use-load";
import { useAppState } from "../state/context";
import { AiCard } from "./settings/ai-card";
import { EmailCard } from "./settings/email-card";
import { HolidaysCard } from "./settings/holidays-card";
import "./settings/settings.css";

/**
 * `/settings` (admins): which AI provider answers AI steps and which e-mail provider delivers live
 * e-mails, what they cost per run, a choice among the configured ones, and a real "send test" for
 * each; and the holidays onboarding plans skip. Endpoints and keys are deployment secrets: the page
 * shows host names and models only.
 */
export function SettingsPage() {
  const { api } = useAppState();
  const settings = useLoad(() => getSettings(api), []);
  // A save answers the whole new state, so the page shows it without refetching.
  const replace = (next: Settings) => settings.update(() => next);

  return (
    <>
      <PageHeader
        title="Settings"
        description="Where AI steps and e-mails go, what they cost, and the days plans skip."
        actions={
          <Button icon="refresh" loading={settings.state.status === "loading" && !!settings.state.data} onClick={settings.reload}>
            Refresh
          </Button>
        }
      />
      <Loadable loaded={settings} what="settings">
        {(s) => (
          <div class="st-grid">
            <AiCard settings={s.ai} onSaved={replace} />
            <EmailCard settings={s.email} onSaved={replace} onSent={settings.reload} />
            <HolidaysCard />
          </div>
        )}
      </Loadable>
    </>
  );
}
