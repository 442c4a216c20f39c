import { useMemo } from 'react';
import { compareDiffId, compareValueId } from '../../test-ids.ts';
import { DiffList } from './diff-list.tsx';
import { KeyedValue } from './keyed-value.tsx';
import { differingKeys, diffValues } from './value-diff.ts';

/** One run's inputs or outputs of the compared node; undefined while loading or when the node has none there. */
export interface ComparedSide {
  side: 'a' | 'b';
  runId: string;
  values: Record<string, unknown> | undefined;
}

type Which = 'inputs' | 'outputs';

/** The node's inputs or outputs in both runs, port by port: where they differ, then run A's and B's value. */
export function ComparePorts({ title, which, a, b }: { title: string; which: Which; a: ComparedSide; b: ComparedSide }) {
  const ports = [...new Set([...Object.keys(a.values ?? {}), ...Object.keys(b.values ?? {})])];
  return (
    <section className="compare-section">
      <h3>{title}</h3>
      {ports.length === 0 && <p className="muted">{a.values === undefined && b.values === undefined ? 'None.' : 'No ports.'}</p>}
      {ports.map((port) => (
        <ComparePort key={port} which={which} port={port} a={a} b={b} />
      ))}
    </section>
  );
}

function ComparePort({ which, port, a, b }: { which: Which; port: string; a: ComparedSide; b: ComparedSide }) {
  const valueA = a.values?.[port];
  const valueB = b.values?.[port];
  // Compared only when both runs have the node's values (not while one loads, or where it did not run).
  const bothRan = a.values !== undefined && b.values !== undefined;
  const diff = useMemo(() => (bothRan ? diffValues(valueA, valueB) : undefined), [bothRan, valueA, valueB]);
  const differing = useMemo(() => differingKeys(valueA, valueB), [valueA, valueB]);
  return (
    <div className="compare-port">
      <div className="compare-port-head">
        <span className="port-name">{port}</span>
        {diff !== undefined && <DiffList diff={diff} testId={compareDiffId(which, port)} />}
      </div>
      <div className="compare-sides">
        <PortCell side={a} which={which} port={port} differing={differing} />
        <PortCell side={b} which={which} port={port} differing={differing} />
      </div>
    </div>
  );
}

function PortCell({ side, which, port, differing }: { side: ComparedSide; which: Which; port: string; differing: ReadonlySet<string> }) {
  const has = side.values !== undefined && Object.hasOwn(side.values, port);
  return (
    <div className="compare-side" data-testid={compareValueId(side.side, which, port)}>
      {has ? <KeyedValue runId={side.runId} value={side.values?.[port]} differing={differing} /> : <p className="muted">—</p>}
    </div>
  );
}
