import { Card } from "../components/card";
import { PageHeader } from "../components/page-header";
import { ROLE_LABELS } from "../lib/api-types";
import { useAppState } from "../state/context";

/**
 * `/` for a role whose own home page (the Queue for CSMs) is not built yet: who is signed in and
 * what their role lets them do. Once that page exists `/` redirects to it (see `HOME_PREFERENCE`).
 */
export function HomePage() {
  const user = useAppState().user.value;
  if (!user) return null;
  const firstName = user.name.split(/\s+/)[0] || user.name;
  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} description="You're signed in to Onboarding Workflows." />
      <Card title="Your account">
        <dl class="details">
          <div>
            <dt>Name</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{ROLE_LABELS[user.role]}</dd>
          </div>
        </dl>
      </Card>
    </>
  );
}
