import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { ApiClient } from '../src-shared/api/client.ts';
import { ApiContext } from './ui/api-context.ts';
import { Canvas } from './ui/canvas.tsx';
import { EditorContext, type EditorSession } from './ui/editor-context.ts';
import { HelpSheet } from './ui/help-sheet.tsx';
import { InboxPanel } from './ui/inbox/inbox-panel.tsx';
import { Palette } from './ui/palette.tsx';
import { BottomDock } from './ui/dock/bottom-dock.tsx';
import { SideDock } from './ui/dock/side-dock.tsx';
import { ProblemsPanel } from './ui/problems-panel.tsx';
import { OpenWorkflowContext } from './ui/run-viewer/workflow-opener.ts';
import { Toast } from './ui/toast.tsx';
import { TopBar } from './ui/top-bar.tsx';
import { useAutosave } from './ui/use-autosave.ts';
import { useEditorKeys } from './ui/use-editor-keys.ts';
import { useWorkspace, type Workspace } from './ui/use-workspace.ts';
import { WorkflowList } from './ui/workflow-list.tsx';

/** The editor window: top bar, workflows and palette on the left, the canvas, the inspector and traces on the right, problems and the run docks below. */
export function App({ api }: { api: ApiClient }) {
  const workspace = useWorkspace(api);
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  const { session } = workspace;

  return (
    <ApiContext value={api}>
      {session === undefined ? (
        <div className="app">
          <TopBar workspace={workspace} onHelp={openHelp} />
          <aside className="app-left">
            <WorkflowList workspace={workspace} />
          </aside>
          <main className="app-center empty-state">
            <div>
              <h1>No workflow open</h1>
              <p className="muted">Open a workflow on the left, create one with New, or import an .operon.json file.</p>
              <div className="home-inbox">
                <h2>Waiting for you</h2>
                <InboxPanel />
              </div>
            </div>
          </main>
        </div>
      ) : (
        <EditorContext value={session}>
          <OpenWorkflowContext value={workspace.open}>
            <ReactFlowProvider key={session.serial}>
              <OpenWorkflow session={session} workspace={workspace} onHelp={openHelp} />
            </ReactFlowProvider>
          </OpenWorkflowContext>
        </EditorContext>
      )}
      <Toast />
      {help && <HelpSheet onClose={closeHelp} />}
    </ApiContext>
  );
}

function OpenWorkflow({ session, workspace, onHelp }: { session: EditorSession; workspace: Workspace; onHelp: () => void }) {
  useAutosave(session);
  useEditorKeys(session, onHelp);
  return (
    <div className="app">
      <TopBar workspace={workspace} onHelp={onHelp} />
      <aside className="app-left">
        <WorkflowList workspace={workspace} />
        <Palette />
      </aside>
      <main className="app-center">
        <Canvas />
      </main>
      <aside className="app-right">
        <SideDock />
      </aside>
      <footer className="app-bottom">
        <ProblemsPanel />
        <BottomDock />
      </footer>
    </div>
  );
}
