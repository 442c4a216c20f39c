import { Database, LifeBuoy, PowerOff, RotateCcw, Route, Timer } from 'lucide-react';
import type { ReactNode } from 'react';
import type { NodeSettings } from '../../../src-shared/workflow/schema.ts';
import { changedNodeSettings } from '../../editor/forms/settings-fields.ts';
import { selectMeta } from '../../editor/store/index.ts';
import { useEditor } from '../../session/editor-context.ts';
import { nodeMarkId } from '../../test-ids.ts';
import './node-setting-marks.css';

/** Small marks on a canvas node where its settings differ from what it would get anyway (the workflow's defaults). */
export function NodeSettingMarks({ id, settings }: { id: string; settings: NodeSettings }) {
  const workflow = useEditor((s) => selectMeta(s).settings);
  const changed = changedNodeSettings(settings, workflow);
  const marks: ReactNode[] = [];
  const mark = (kind: string, title: string, icon: ReactNode, text?: string) =>
    marks.push(
      <span key={kind} className={`setting-mark setting-mark-${kind}`} data-testid={nodeMarkId(id, kind)} title={title} aria-label={title}>
        {icon}
        {text !== undefined && <span>{text}</span>}
      </span>,
    );
  const size = 11;
  if (changed.retries !== undefined) {
    mark('retries', `Retries: ${changed.retries}`, <RotateCcw size={size} aria-hidden />, String(changed.retries));
  }
  if (changed.timeoutMs !== undefined) {
    mark('timeout', `Timeout: ${seconds(changed.timeoutMs)}`, <Timer size={size} aria-hidden />, seconds(changed.timeoutMs));
  }
  if (changed.onError === 'route') mark('onError', 'On error: route to the error port', <Route size={size} aria-hidden />);
  if (changed.onError === 'continue') mark('onError', 'On error: continue with a fallback value', <LifeBuoy size={size} aria-hidden />);
  if (changed.cache !== undefined) {
    mark('cache', changed.cache ? 'Cache on' : 'Cache off', <Database size={size} aria-hidden />, changed.cache ? undefined : 'off');
  }
  if (changed.disabled === true) mark('disabled', 'Disabled: skipped, with what depends on it', <PowerOff size={size} aria-hidden />);
  return marks.length === 0 ? null : <span className="setting-marks">{marks}</span>;
}

/** 5000 → "5 s", 1500 → "1.5 s", 90000 → "90 s". */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
