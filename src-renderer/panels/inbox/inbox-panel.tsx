import { DEBUG_IDS } from '../../test-ids.ts';
import { InboxEntry } from './inbox-entry.tsx';
import { inboxKey } from '../../session/inbox/inbox-store.ts';
import { useInboxFeed } from '../../session/inbox/use-inbox-feed.ts';
import './inbox.css';
import { useInboxStore } from '../../session/workspace-context.ts';

/** Every run waiting for a person, across the workspace's workflows: what is proposed, and the decision. */
export function InboxPanel() {
  useInboxFeed();
  const items = useInboxStore((s) => s.items);
  const loaded = useInboxStore((s) => s.loaded);
  const error = useInboxStore((s) => s.error);
  const refresh = useInboxStore((s) => s.refresh);

  return (
    <section className="panel inbox-panel" data-testid={DEBUG_IDS.inboxPanel}>
      <h2>
        Approvals inbox{' '}
        <button type="button" data-testid={DEBUG_IDS.inboxRefresh} onClick={() => void refresh()}>
          Refresh
        </button>
      </h2>
      {error !== undefined && <p className="error">{error}</p>}
      {loaded && items.length === 0 && error === undefined && (
        <p className="muted" data-testid={DEBUG_IDS.inboxEmpty}>
          No run is waiting for a person.
        </p>
      )}
      <ul className="inbox-list">
        {items.map((item) => (
          <InboxEntry key={inboxKey(item)} item={item} onDecided={() => void refresh()} />
        ))}
      </ul>
    </section>
  );
}
