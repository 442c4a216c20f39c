import { DEBUG_IDS } from '../../test-ids.ts';
import { useInboxFeed } from '../../session/inbox/use-inbox-feed.ts';
import './inbox.css';
import { useInboxStore } from '../../session/workspace-context.ts';

/** "Inbox" with the number of approvals waiting for a person (the tab is always shown, so it keeps the inbox fresh). */
export function InboxTabLabel() {
  useInboxFeed();
  const count = useInboxStore((s) => s.items.length);
  return (
    <>
      Inbox
      {count > 0 && (
        <span className="inbox-count" data-testid={DEBUG_IDS.inboxCount} aria-label={`${count} waiting`}>
          {count}
        </span>
      )}
    </>
  );
}
