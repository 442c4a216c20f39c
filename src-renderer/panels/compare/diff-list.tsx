import { COMPARE_IDS } from '../../test-ids.ts';
import type { DiffEntry, ValueDiff } from './value-diff.ts';

/** Where a port's value in run B differs from run A: one line per path, or "same". */
export function DiffList({ diff, testId }: { diff: ValueDiff; testId: string }) {
  const same = diff.entries.length === 0;
  return (
    <div className={same ? 'compare-diff same' : 'compare-diff'} data-testid={testId} data-same={same}>
      {same ? (
        'same'
      ) : (
        <ul>
          {diff.entries.map((entry, index) => (
            <li
              key={index}
              className={`compare-diff-entry ${entry.kind}`}
              data-testid={COMPARE_IDS.diffEntry}
              data-path={entry.path}
              data-kind={entry.kind}
            >
              <code className="compare-path">{entry.path === '' ? '(whole value)' : entry.path}</code> <EntryText entry={entry} />
            </li>
          ))}
          {diff.more > 0 && (
            <li className="muted" data-testid={COMPARE_IDS.diffMore}>
              and {diff.more.toLocaleString('en')} more
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

function EntryText({ entry }: { entry: DiffEntry }) {
  switch (entry.kind) {
    case 'added':
      return (
        <>
          added: <code className="compare-new">{entry.b}</code>
        </>
      );
    case 'removed':
      return (
        <>
          removed (was <code className="compare-old">{entry.a}</code>)
        </>
      );
    case 'length':
      return (
        <>
          length {entry.a} → {entry.b}
        </>
      );
    case 'large':
      return (
        <>
          large value differs: <Change a={entry.a} b={entry.b} />
        </>
      );
    case 'changed':
    case 'text':
      return <Change a={entry.a} b={entry.b} />;
  }
}

function Change({ a, b }: { a: string; b: string }) {
  return (
    <>
      <code className="compare-old">{a}</code> → <code className="compare-new">{b}</code>
    </>
  );
}
