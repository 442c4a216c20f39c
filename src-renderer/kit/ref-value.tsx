import { useRef, useState } from 'react';
import type { ValueRef } from '../../src-shared/run-log/value-ref.ts';
import { VIEWER_IDS } from '../test-ids.ts';
import { errorMessage } from '../../src-shared/api/error-message.ts';
import { CopyButton } from './copy-button.tsx';
import { formatBytes } from '../../src-shared/run-log/value-ref.ts';
import { prettyJsonText } from './value-text.ts';
import { useValueLoader } from './value-loader.ts';

/** Characters fetched per "Load more" page. */
export const REF_PAGE = 16_384;
/** Characters per call when fetching a value whole. */
const WHOLE_PAGE = 262_144;

interface Loaded {
  text: string;
  /** Where the next page starts; null once the whole value is here. */
  nextOffset: number | null;
}

/**
 * A large value stored apart from the log (`{ $ref, bytes }`): its size first, then its JSON text fetched with
 * `runs.value` page by page ("Show", "Load more") or whole ("Load all", and Copy).
 */
export function RefValue({ runId, valueRef }: { runId: string; valueRef: ValueRef }) {
  const loadPage = useValueLoader();
  const [loaded, setLoaded] = useState<Loaded>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const latest = useRef<Loaded | undefined>(undefined);

  const fetchPage = async (from: Loaded | undefined, limit: number): Promise<Loaded> => {
    const page = await loadPage({ runId, ref: valueRef.$ref, offset: from?.nextOffset ?? 0, limit });
    return { text: (from?.text ?? '') + page.text, nextOffset: page.nextOffset };
  };

  const load = async (whole: boolean): Promise<Loaded> => {
    setBusy(true);
    setError(undefined);
    try {
      let next = await fetchPage(latest.current, whole ? WHOLE_PAGE : REF_PAGE);
      while (whole && next.nextOffset !== null) next = await fetchPage(next, WHOLE_PAGE);
      latest.current = next;
      setLoaded(next);
      return next;
    } catch (caught) {
      setError(errorMessage(caught));
      throw caught;
    } finally {
      setBusy(false);
    }
  };

  const complete = loaded?.nextOffset === null;
  return (
    <div className="value value-ref" data-testid={VIEWER_IDS.valueRef} data-bytes={valueRef.bytes}>
      <p className="muted">
        Large value · {formatBytes(valueRef.bytes)}
        {loaded !== undefined && !complete && ` · first ${loaded.text.length.toLocaleString('en')} characters shown`}
      </p>
      {loaded !== undefined && (
        <pre className={complete ? 'value-text whole' : 'value-text'} data-testid={VIEWER_IDS.valueText}>
          {complete ? prettyJsonText(loaded.text) : `${loaded.text}…`}
        </pre>
      )}
      {error !== undefined && <p className="error">{error}</p>}
      <div className="value-actions">
        {loaded === undefined && (
          <button
            type="button"
            className="small"
            data-testid={VIEWER_IDS.valueRefShow}
            disabled={busy}
            onClick={() => void load(false).catch(() => undefined)}
          >
            Show
          </button>
        )}
        {loaded !== undefined && !complete && (
          <button
            type="button"
            className="small"
            data-testid={VIEWER_IDS.valueRefMore}
            disabled={busy}
            onClick={() => void load(false).catch(() => undefined)}
          >
            Load more
          </button>
        )}
        {!complete && (
          <button
            type="button"
            className="small"
            data-testid={VIEWER_IDS.valueRefAll}
            disabled={busy}
            onClick={() => void load(true).catch(() => undefined)}
          >
            Load all
          </button>
        )}
        <CopyButton text={async () => prettyJsonText((complete ? loaded : await load(true)).text)} />
      </div>
    </div>
  );
}
