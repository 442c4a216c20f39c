import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { hasServiceTrigger } from '../editor/triggers/trigger-kinds.ts';
import { ActivationSwitch, RefusalNote } from '../panels/workflows/activation-parts.tsx';
import { useEditor } from '../session/editor-context.ts';
import { selectMeta } from '../editor/store/index.ts';
import { useActivation, useSetActive, useTriggerStore } from '../session/triggers/use-activation.ts';
import { useTriggerFeed } from '../session/triggers/use-trigger-feed.ts';
import type { Workspace } from '../session/use-workspace.ts';
import { TRIGGER_IDS } from '../test-ids.ts';
import type { ActivationResult } from '../session/triggers/trigger-store.ts';
import { useCan } from '../session/access/use-whoami.ts';
import { rolesThatMay } from '../session/access/whoami-store.ts';

/**
 * The open workflow's Active switch in the top bar, when it has a trigger the service listens for (schedule, webhook,
 * file, workflow finished, error). Unsaved edits are saved before it is activated; a refusal lists its problems.
 */
export function TopActivation({ workspace }: { workspace: Workspace }) {
  useTriggerFeed();
  const session = workspace.session;
  const canOperate = useCan('operate');
  const workflowId = session?.workflowId;
  const name = useEditor((s) => selectMeta(s).name);
  const types = useEditor(useShallow((s) => [...new Set(s.graph.nodes.map((n) => n.data.type))]));
  const stored = useActivation(workflowId);
  const pending = useTriggerStore((s) => workflowId !== undefined && s.pending.has(workflowId));
  const unavailable = useTriggerStore((s) => s.loaded && s.error !== undefined);
  const setActive = useSetActive(workspace.catalogue, session);
  const [refusal, setRefusal] = useState<Extract<ActivationResult, { ok: false }>>();
  if (workflowId === undefined || unavailable || (stored === undefined && !hasServiceTrigger(types))) return null;
  const activation = stored ?? { workflowId, active: false, triggers: [], running: 0, queued: 0 };
  return (
    <span className="top-activation">
      <ActivationSwitch
        name={name}
        activation={activation}
        busy={pending}
        withText
        testId={TRIGGER_IDS.topActivation}
        notAllowed={canOperate ? undefined : `Activating needs ${rolesThatMay('operate')} role`}
        onToggle={(on) => {
          setRefusal(undefined);
          void setActive(workflowId, on).then((result) => !result.ok && setRefusal(result));
        }}
      />
      {refusal !== undefined && <RefusalNote refusal={refusal} onDismiss={() => setRefusal(undefined)} />}
    </span>
  );
}
