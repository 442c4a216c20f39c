import { useCallback, useEffect, useState } from 'react';
import type { AuditEntryView, AuditVerdict } from '../../../src-shared/api/access-schemas.ts';
import { errorMessage } from '../api-context.ts';
import { useApi } from '../workspace-context.ts';

/** How many entries a page of the Audit panel shows. */
export const AUDIT_PAGE = 100;

export interface AuditFilters {
  /** One action (`member.changed`), or every one. */
  action: string | undefined;
  /** Days as `YYYY-MM-DD` (local time), inclusive. */
  from: string;
  to: string;
}

export interface AuditView {
  entries: AuditEntryView[] | undefined;
  more: boolean;
  error: string | undefined;
  verdict: AuditVerdict | undefined;
  verifying: boolean;
  loadMore: () => Promise<void>;
  verify: () => Promise<void>;
  /** Downloads the trail within the dates (the action filter does not apply: an export is the whole record). */
  exportFile: (format: 'csv' | 'jsonl') => Promise<void>;
}

/** A day's bounds in ms (local time) from `YYYY-MM-DD`, or undefined for an empty field. */
export function dayBounds(from: string, to: string): { since?: number; until?: number } {
  const start = from === '' ? undefined : new Date(`${from}T00:00:00`).getTime();
  const end = to === '' ? undefined : new Date(`${to}T23:59:59.999`).getTime();
  return {
    ...(start === undefined || Number.isNaN(start) ? {} : { since: start }),
    ...(end === undefined || Number.isNaN(end) ? {} : { until: end }),
  };
}

/** The Audit panel's data: the trail newest first, page by page, with the filters; Verify chain; export. */
export function useAudit(filters: AuditFilters): AuditView {
  const api = useApi();
  const [entries, setEntries] = useState<AuditEntryView[]>();
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string>();
  const [verdict, setVerdict] = useState<AuditVerdict>();
  const [verifying, setVerifying] = useState(false);
  const { action, from, to } = filters;

  const read = useCallback(
    async (before: number | undefined) => {
      try {
        const page = await api.call('audit.list', {
          ...dayBounds(from, to),
          limit: AUDIT_PAGE,
          ...(before === undefined ? {} : { before }),
          ...(action === undefined ? {} : { actions: [action] }),
        });
        setEntries((shown) => (before === undefined ? page.entries : [...(shown ?? []), ...page.entries]));
        setMore(page.more);
        setError(undefined);
      } catch (failure) {
        setError(errorMessage(failure));
      }
    },
    [api, action, from, to],
  );
  useEffect(() => void read(undefined), [read]);

  return {
    entries,
    more,
    error,
    verdict,
    verifying,
    loadMore: () => read(entries?.at(-1)?.seq),
    async verify() {
      setVerifying(true);
      try {
        setVerdict(await api.call('audit.verify', {}));
      } catch (failure) {
        setError(errorMessage(failure));
      } finally {
        setVerifying(false);
      }
    },
    async exportFile(format) {
      try {
        const { fileName, text } = await api.call('audit.export', { format, ...dayBounds(from, to) });
        const url = URL.createObjectURL(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/jsonl' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        link.click();
        URL.revokeObjectURL(url);
      } catch (failure) {
        setError(errorMessage(failure));
      }
    },
  };
}
