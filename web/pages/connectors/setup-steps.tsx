import type { ComponentChildren } from "preact";
import type { Connector } from "../../lib/api-types";

const Code = ({ children }: { children: ComponentChildren }) => <code class="con-code">{children}</code>;

/** Whether the webhook URL can only be reached from this machine (a CRM in the cloud cannot call it). */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "0.0.0.0" || host === "[::1]" || host.startsWith("127.") || host.endsWith(".localhost");
  } catch {
    return false;
  }
}

/** What to do in the CRM so its events reach this connector, step by step (fixtures/README.md). */
export function SetupSteps({ connector: c }: { connector: Connector }) {
  const url = <Code>{c.webhookUrl}</Code>;
  if (c.kind === "hubspot") {
    return (
      <ol class="con-steps">
        <li>
          In HubSpot, open your app: a <strong>private app</strong> (Settings → Integrations → Private apps) or your <strong>public app</strong> in
          the developer account. Go to its <strong>Webhooks</strong> tab.
        </li>
        <li>Set the target URL to {url}. Keep it exactly as shown: the signature covers the full URL.</li>
        <li>
          Create two subscriptions and make them active: <strong>Deal → Property changed → </strong>
          <Code>dealstage</Code> (<Code>deal.propertyChange</Code>) and <strong>Deal → Created</strong> (<Code>deal.creation</Code>).
        </li>
        <li>
          Copy the app's <strong>client secret</strong> (Auth tab) into this connector (Edit → Client secret). HubSpot signs every request with it
          (<Code>X-HubSpot-Signature-v3</Code>); requests with a wrong signature or older than 5 minutes are refused and logged as rejected.
        </li>
        <li>
          Give the access token the scopes <Code>crm.objects.deals.read</Code>, <Code>crm.objects.companies.read</Code>,{" "}
          <Code>crm.objects.contacts.read</Code> and <Code>crm.objects.owners.read</Code> (and <Code>crm.objects.deals.write</Code> for
          “Update CRM” steps).
        </li>
        <li>Press “Test connection”, then move a deal to a won stage: the event appears in the log below within seconds.</li>
      </ol>
    );
  }
  if (c.kind === "salesforce") {
    return (
      <ol class="con-steps">
        <li>
          In Salesforce Setup, open <strong>Process Automation → Outbound Messages → New Outbound Message</strong> for the{" "}
          <strong>Opportunity</strong> object.
        </li>
        <li>
          Set the <strong>Endpoint URL</strong> to {url}, choose the integration user as <strong>User to send as</strong>, and send at least the
          fields <Code>Id</Code>, <Code>Name</Code>, <Code>StageName</Code>, <Code>Amount</Code>, <Code>CloseDate</Code>,{" "}
          <Code>AccountId</Code> and <Code>OwnerId</Code> (plus <Code>ARR__c</Code> and <Code>Plan_Tier__c</Code> if your org has them). The
          connector reads the full record afterwards.
        </li>
        <li>
          Create a <strong>record-triggered Flow</strong> on Opportunity (“A record is created or updated”), with the entry condition{" "}
          <Code>StageName</Code> equals <Code>Closed Won</Code> (or the stage your workflow waits for) and “Only when a record is updated to
          meet the condition requirements”. Add an <strong>Action → Outbound Message</strong> that sends the message above, then activate the Flow.
        </li>
        <li>
          Check the <strong>Organization ID</strong> (Setup → Company Information) matches this connector's
          {c.credentials.organizationId ? (
            <>
              {" "}
              (<Code>{c.credentials.organizationId}</Code>)
            </>
          ) : null}
          . Outbound Messages carry no signature: messages from another org are refused with a SOAP fault and start nothing.
        </li>
        <li>
          Close an Opportunity as won: the event appears in the log below. Salesforce retries undelivered messages for 24 hours; see Setup →
          Outbound Messages → View Message Delivery Status.
        </li>
      </ol>
    );
  }
  const received = c.verification?.received;
  return (
    <ol class="con-steps">
      <li>
        Open <strong>notion.so/profile/integrations</strong>, choose the integration whose secret this connector uses, and share your deals
        database with it (in the database: ••• → Connections).
      </li>
      <li>
        On the integration's <strong>Webhooks</strong> tab, create a subscription with the URL {url} (Notion needs a public HTTPS address).
      </li>
      <li>
        Subscribe to <Code>page.created</Code> and <Code>page.properties_updated</Code>.
      </li>
      <li>
        Notion then sends a verification token to that URL. It appears in the “Notion verification” panel on this page
        {received ? " (it has arrived)" : " within seconds"}: copy it and paste it into Notion's <strong>Verify</strong> dialog. From then on
        Notion signs every event with it (<Code>X-Notion-Signature</Code>).
      </li>
      <li>
        Change a deal's Status to the value your workflow waits for. Notion groups quick changes together, so an event can take up to a minute
        to arrive.
      </li>
    </ol>
  );
}
