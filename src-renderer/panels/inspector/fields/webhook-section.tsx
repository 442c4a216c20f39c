import { curlExample, secretVariable, webhookSpecOf, webhookUrl } from '../../../editor/triggers/webhook-recipe.ts';
import { CopyButton } from '../../../kit/copy-button.tsx';
import { useEditorSession } from '../../../session/editor-context.ts';
import { useActivation, useWorkspaceName } from '../../../session/triggers/use-activation.ts';
import { TRIGGER_IDS } from '../../../test-ids.ts';
import './trigger-fields.css';

/**
 * The Webhook trigger's address on the host serving this editor, with a copy button and a curl command for its
 * auth, and where its secret's value lives.
 */
export function WebhookSection({ config }: { config: Record<string, unknown> }) {
  const { workflowId } = useEditorSession();
  const workspace = useWorkspaceName();
  const activation = useActivation(workflowId);
  const spec = webhookSpecOf(config);
  const served = location.protocol === 'http:' || location.protocol === 'https:';
  const url = webhookUrl(served ? location.origin : 'http://<host of operon serve>', workspace, workflowId, spec.path);
  const curl = curlExample(url, spec);
  return (
    <section className="webhook-section" aria-label="Webhook address">
      <h3>Address</h3>
      <div className="webhook-url">
        <code data-testid={TRIGGER_IDS.webhookUrl}>
          {spec.method} {url}
        </code>
        <span data-testid={TRIGGER_IDS.webhookCopy}>
          <CopyButton text={() => url} label="Copy URL" />
        </span>
      </div>
      <p className="field-help">
        {activation?.active === true
          ? 'The workflow is active: a call starts a run.'
          : 'Calls start runs only while the workflow is active (the switch in the top bar or the workflow list).'}
        {!served && ' Webhooks are served by operon serve, not by the desktop app.'}
      </p>
      <p className="field-help">
        The secret “{spec.secret}” is a name: its value lives in the workspace’s secrets store, or in the variable{' '}
        <code>{secretVariable(spec.secret)}</code> of the process serving Operon. Never paste the value here.
      </p>
      <details className="webhook-curl">
        <summary>Call it with curl ({spec.auth === 'token' ? 'token header' : 'HMAC signature'})</summary>
        <pre data-testid={TRIGGER_IDS.webhookCurl}>{curl}</pre>
        <CopyButton text={() => curl} label="Copy command" />
      </details>
    </section>
  );
}
