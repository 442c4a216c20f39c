import { OperonError } from '../../../src-shared/errors/operon-error.ts';

/** The Redis URL of queue mode: `--queue`, else $OPERON_QUEUE_URL; OPR-300 when neither is given. */
export function queueUrl(flag: string | undefined): string {
  const url = flag ?? (process.env.OPERON_QUEUE_URL === '' ? undefined : process.env.OPERON_QUEUE_URL);
  if (url === undefined) throw new OperonError('OPR-300', 'say which Redis to use: --queue redis://host:port (or OPERON_QUEUE_URL)');
  return url;
}

/** The URL as printed: its password left out. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
