import { useState } from "preact/hooks";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { FormError } from "../../components/field";
import { errorMessage } from "../../lib/api";
import type { Connector } from "../../lib/api-types";
import { forgetVerificationToken, getVerificationToken } from "../../lib/endpoints/connectors";
import { useAppState } from "../../state/context";
import { CopyField } from "./copy-field";

/**
 * Notion's one-time handshake: Notion posts a verification token to the webhook URL; the admin
 * copies it from here into Notion's Verify dialog. Until it arrives, events cannot be verified.
 */
export function VerificationCard({ connector: c, onChanged }: { connector: Connector; onChanged: () => unknown }) {
  const { api, toasts } = useAppState();
  const [token, setToken] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [forgetting, setForgetting] = useState(false);
  const v = c.verification;

  async function show() {
    setLoading(true);
    setError(null);
    try {
      setToken((await getVerificationToken(api, c.id)).token);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }

  return (
    <Card title="Notion verification" description="Notion proves the subscription with a token it sends to the webhook URL.">
      <div class="stack">
        {v?.received ? (
          <>
            <p>
              Notion's verification token has arrived{v.tokenHint ? <> (<code class="con-code">{v.tokenHint}</code>)</> : null}. Paste it into
              Notion's <strong>Verify</strong> dialog to finish the subscription; events are checked against it.
            </p>
            {token ? (
              <CopyField label="Verification token" value={token} />
            ) : (
              <div class="cluster">
                <Button size="sm" loading={loading} onClick={show}>
                  Show token
                </Button>
              </div>
            )}
            <FormError>{error}</FormError>
            <div class="cluster">
              <Button size="sm" variant="ghost" onClick={() => setForgetting(true)}>
                Forget token
              </Button>
              <span class="cell-muted con-small">To accept a new handshake (after “Resend token” in Notion).</span>
            </div>
          </>
        ) : (
          <p role="status">
            <strong>Waiting for Notion.</strong> Create the webhook subscription in Notion (see the steps); the token appears here within seconds of
            Notion sending it.
          </p>
        )}
      </div>
      <ConfirmDialog
        open={forgetting}
        title="Forget the verification token?"
        confirmLabel="Forget token"
        onCancel={() => setForgetting(false)}
        onConfirm={async () => {
          await forgetVerificationToken(api, c.id);
          setForgetting(false);
          setToken(null);
          toasts.success("The verification token was forgotten", "Use “Resend token” in Notion's webhook settings to send a new one.");
          await onChanged();
        }}
      >
        Events from Notion cannot be verified until it sends a new token: use “Resend token” on the subscription in Notion.
      </ConfirmDialog>
    </Card>
  );
}
