import { Plus } from 'lucide-react';
import { InboxPanel } from '../panels/inbox/inbox-panel.tsx';
import { ExamplesGallery } from '../panels/workflows/examples-gallery.tsx';
import type { Workspace } from '../session/use-workspace.ts';
import { LIBRARY_IDS } from '../test-ids.ts';

/** What the window shows with no workflow open: start a new one, open a copy of an example, and what waits for you. */
export function StartPage({ workspace }: { workspace: Workspace }) {
  return (
    <div className="start-page" data-testid={LIBRARY_IDS.startPage}>
      <h1>No workflow open</h1>
      <p className="muted">Open a workflow on the left, start a new one, import an .operon.json file, or begin from an example.</p>
      <div className="start-actions">
        <button type="button" className="primary" disabled={workspace.catalogue === undefined} onClick={() => void workspace.create()}>
          <Plus size={14} aria-hidden /> New workflow
        </button>
      </div>
      <ExamplesGallery onOpenCopy={(id) => void workspace.library.copyExample(id)} />
      <div className="home-inbox">
        <h2>Waiting for you</h2>
        <InboxPanel />
      </div>
    </div>
  );
}
