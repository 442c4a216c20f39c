import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { ValueLoaderContext } from '../kit/value-loader.ts';
import { valuePageLoader } from '../session/value-pages.ts';
import type { WorkspaceSession } from '../session/workspace-session.ts';
import { useShownRunSync } from '../session/shown-run/use-shown-run-sync.ts';
import { Canvas } from '../panels/canvas/canvas.tsx';
import { EditorContext, type EditorSession } from '../session/editor-context.ts';
import { EngineRestartBanner } from './engine-restart-banner.tsx';
import { HelpSheet } from './help-sheet.tsx';
import { InboxPanel } from '../panels/inbox/inbox-panel.tsx';
import { Palette } from '../panels/palette/palette.tsx';
import { BottomDock } from './bottom-dock.tsx';
import { SideDock } from './side-dock.tsx';
import { ProblemsPanel } from '../panels/problems/problems-panel.tsx';
import { OpenWorkflowContext } from '../session/shown-run/workflow-opener.ts';
import { Toast } from './toast.tsx';
import { TopBar } from './top-bar.tsx';
import { useAutosave } from '../session/use-autosave.ts';
import { useEditorKeys } from './use-editor-keys.ts';
import { useWorkspace, type Workspace } from '../session/use-workspace.ts';
import { WorkflowList } from '../panels/workflows/workflow-list.tsx';
import { WorkspaceContext } from '../session/workspace-context.ts';

/**
 * The app shell: places the panels and provides the workspace's session (its API and live runs) to them.
 * The editor window: top bar, workflows and palette on the left, the canvas, the inspector and traces on the right, problems and the run docks below. */
export function App({ workspace: shared }: { workspace: WorkspaceSession }) {
  const loadValuePage = useMemo(() => valuePageLoader(shared.api), [shared]);
  return (
    <WorkspaceContext value={shared}>
      <ValueLoaderContext value={loadValuePage}>
        <Window />
      </ValueLoaderContext>
    </WorkspaceContext>
  );
}

/** The window's layout: the start page, or the open workflow with its panels. */
function Window() {
  const workspace = useWorkspace();
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  const { session } = workspace;

  return (
    <>
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
      <EngineRestartBanner workflowOpen={session !== undefined} />
      <Toast />
      {help && <HelpSheet onClose={closeHelp} />}
    </>
  );
}

function OpenWorkflow({ session, workspace, onHelp }: { session: EditorSession; workspace: Workspace; onHelp: () => void }) {
  useAutosave(session);
  useEditorKeys(session, onHelp);
  useShownRunSync();
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
