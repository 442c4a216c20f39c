import { useId, useMemo, useRef, useState } from 'react';
import { matchingZones, timeZoneChoices, zoneOffset } from '../../../editor/triggers/time-zones.ts';
import { inspectorFieldId, TRIGGER_IDS } from '../../../test-ids.ts';
import { FieldProblemList } from './field-problem-list.tsx';
import type { FieldProps } from './field-props.ts';
import { problemsOfField } from '../../../editor/forms/index.ts';
import './trigger-fields.css';

/** At most this many zones are listed at once: typing narrows them. */
const SHOWN = 60;

/** Every zone the browser knows, the viewer's own first. */
function allZones(): string[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return timeZoneChoices(own, supported);
}

/** A searchable list of IANA time zones (the viewer's own first), each with its offset from UTC now. */
export function TimezoneField({ field, value, onChange, at = field.path, problems = [] }: FieldProps) {
  const id = useId();
  const zones = useMemo(allZones, []);
  const current = typeof value === 'string' ? value : typeof field.default === 'string' ? field.default : 'UTC';
  const [query, setQuery] = useState<string>();
  const [cursor, setCursor] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const open = query !== undefined;
  const shown = useMemo(() => (open ? matchingZones(zones, query).slice(0, SHOWN) : []), [zones, query, open]);
  const now = Date.now();

  const pick = (zone: string) => {
    onChange(zone);
    setQuery(undefined);
  };

  return (
    <div className="field timezone-field">
      <label htmlFor={id}>{field.label}</label>
      <div className="timezone-picker">
        <input
          ref={input}
          id={id}
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          data-testid={inspectorFieldId(at)}
          value={open ? query : current}
          placeholder="Search time zones"
          spellCheck={false}
          onFocus={(event) => {
            setQuery('');
            setCursor(0);
            event.currentTarget.select();
          }}
          onBlur={() => setQuery(undefined)}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setCursor(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, shown.length - 1));
            else if (event.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
            else if (event.key === 'Enter' && shown[cursor] !== undefined) {
              pick(shown[cursor]);
              input.current?.blur();
            } else if (event.key === 'Escape') input.current?.blur();
            else return;
            event.preventDefault();
          }}
        />
        {open && (
          <ul id={`${id}-list`} role="listbox" className="timezone-list">
            {shown.length === 0 && <li className="muted">No time zone matches.</li>}
            {shown.map((zone, i) => (
              <li
                key={zone}
                role="option"
                aria-selected={i === cursor}
                data-testid={TRIGGER_IDS.timezoneOption}
                data-zone={zone}
                className={zone === current ? 'current' : undefined}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(zone);
                  input.current?.blur();
                }}
              >
                <span>{zone.replaceAll('_', ' ')}</span>
                <span className="muted">{zoneOffset(zone, now)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <FieldProblemList problems={problemsOfField(problems, at, true)} label={field.label} at={at} />
      {field.description !== undefined && <p className="field-help">{field.description}</p>}
    </div>
  );
}
