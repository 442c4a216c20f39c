import { InlineValue } from '../inline-value.tsx';

/** Lines of a prompt shown before "Show all". */
const TEXT_LINES = 40;
/** Text up to this long, on one line, reads best beside its name. */
const SHORT_TEXT = 60;

/** A node's config, setting by setting: short values beside their names, text as written (a prompt), the rest as JSON. */
export function ConfigValues({ config }: { config: Record<string, unknown> }) {
  const entries = Object.entries(config).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return <p className="muted">No settings.</p>;
  const short = entries.filter(([, value]) => isShort(value));
  const long = entries.filter(([, value]) => !isShort(value));
  return (
    <div className="config-values">
      {short.length > 0 && (
        <dl className="config-short">
          {short.map(([key, value]) => (
            <div key={key} className="config-short-row">
              <dt className="port-name">{key}</dt>
              <dd>{typeof value === 'string' ? value || <span className="muted">(empty)</span> : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {long.map(([key, value]) => (
        <div key={key} className="config-value">
          <span className="port-name">{key}</span>
          {typeof value === 'string' ? <InlineValue text={value} lines={TEXT_LINES} /> : <InlineValue value={value} />}
        </div>
      ))}
    </div>
  );
}

function isShort(value: unknown): boolean {
  if (typeof value === 'string') return value.length <= SHORT_TEXT && !value.includes('\n');
  return value === null || typeof value === 'number' || typeof value === 'boolean';
}
