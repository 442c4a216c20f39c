import type { ReactNode } from 'react';

/** One collapsible part of a trace (open by default), with a count when it lists several things. */
export function TraceSection({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <details className="trace-section" open>
      <summary>
        {title}
        {count !== undefined && <span className="count">{count}</span>}
      </summary>
      {children}
    </details>
  );
}

/** A small table of facts: label, then value. */
export function Facts({ rows }: { rows: readonly (readonly [string, ReactNode] | false | undefined)[] }) {
  return (
    <dl className="trace-facts">
      {rows.map((row) =>
        row === false || row === undefined ? null : (
          <div key={row[0]}>
            <dt>{row[0]}</dt>
            <dd>{row[1]}</dd>
          </div>
        ),
      )}
    </dl>
  );
}
