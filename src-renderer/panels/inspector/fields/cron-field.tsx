import { useId } from 'react';
import { CRON_PRESETS, schedulePreview, scheduleSpecOf } from '../../../editor/triggers/schedule-preview.ts';
import { useDraft } from '../../../kit/use-draft.ts';
import { inspectorFieldId, TRIGGER_IDS } from '../../../test-ids.ts';
import type { FieldProps } from './field-props.ts';
import './trigger-fields.css';

const asText = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * A cron expression with presets to pick from, and as you type the next five fire times in the schedule's time zone
 * and in the viewer's, or what is wrong with it in words.
 */
export function CronField({ field, value, onChange, at = field.path, config = {} }: FieldProps) {
  const id = useId();
  const draft = useDraft(value, asText);
  const text = value === undefined ? asText(field.default) : draft.text;
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const spec = { ...scheduleSpecOf(config), mode: 'cron' as const, cron: text };
  const preview = schedulePreview(spec, Date.now(), viewerZone);
  const preset = CRON_PRESETS.findIndex((p) => p.cron === text.trim());
  const sameZone = spec.timezone === viewerZone;

  return (
    <div className="field cron-field">
      <label htmlFor={id}>{field.label}</label>
      <div className="cron-inputs">
        <input
          id={id}
          className="code"
          data-testid={inspectorFieldId(at)}
          value={text}
          spellCheck={false}
          aria-invalid={preview.problem?.path === 'cron'}
          aria-describedby={`${id}-preview`}
          onChange={(event) => {
            const typed = event.currentTarget.value;
            draft.typed(typed, typed);
            onChange(typed);
          }}
        />
        <select
          aria-label="Pick a schedule"
          data-testid={TRIGGER_IDS.cronPresets}
          value={preset < 0 ? '' : String(preset)}
          onChange={(event) => {
            const picked = CRON_PRESETS[Number(event.currentTarget.value)];
            if (picked === undefined) return;
            draft.typed(picked.cron, picked.cron);
            onChange(picked.cron);
          }}
        >
          <option value="">{preset < 0 ? 'Pick a schedule…' : ''}</option>
          {CRON_PRESETS.map((p, i) => (
            <option key={p.cron} value={String(i)}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div id={`${id}-preview`} className="cron-preview" aria-live="polite">
        {preview.problem !== undefined ? (
          <p className="field-error" data-testid={TRIGGER_IDS.cronProblem}>
            {preview.problem.message}
          </p>
        ) : (
          <table data-testid={TRIGGER_IDS.cronTimes}>
            <thead>
              <tr>
                <th>Next runs ({spec.timezone})</th>
                {!sameZone && <th>Your time ({viewerZone})</th>}
              </tr>
            </thead>
            <tbody>
              {preview.times.map((time) => (
                <tr key={time.at} data-testid={TRIGGER_IDS.cronTime} data-at={new Date(time.at).toISOString()}>
                  <td>{time.inZone}</td>
                  {!sameZone && (
                    <td className="muted" title={time.local}>
                      {time.localShort}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <p className="field-help">
        Seconds (optional), minutes, hours, day of month, month, day of week: “0 30 9 * * 1-5” is 09:30:00 on weekdays.
      </p>
    </div>
  );
}
