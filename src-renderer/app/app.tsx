import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { ValueLoaderContext } from '../kit/value-loader.ts';
import { valuePageLoader } from '../session/value-pages.ts';
import type { WorkspaceSession } from '../session/workspace-session.ts';
import { useShownRunSync } from '../session/shown-run/use-shown-run-sync.ts';
import { Canvas } from '../panels/canvas/canvas.tsx';
import { EditorContext, type EditorSession } from '../session/editor-context.ts';
import { EngineRestartBanner } from './engine-restart-banner.tsx';
import { HelpSheet } from './help-sheet.tsx';
import { BottomDock } from './bottom-dock.tsx';
import { SideDock } from './side-dock.tsx';
import { EditorLayout } from './editor-layout.tsx';
import { LeftDock } from './left-dock.tsx';
import { OpenWorkflowContext } from '../session/shown-run/workflow-opener.ts';
import { Toast } from './toast.tsx';
import { TopBar } from './top-bar.tsx';
import { useAutosave } from '../session/use-autosave.ts';
import { useEditorKeys } from './use-editor-keys.ts';
import { useOpenWorkflowCommands, type OpenWorkflowCommand } from './open-workflow-commands.ts';
import { SaveAsDialog } from './save-as-dialog.tsx';
import { selectMeta } from '../editor/store/index.ts';
import { useWindowCommands } from './use-window-commands.ts';
import { useWorkspace, type Workspace } from '../session/use-workspace.ts';
import { useWorkflowUrl } from '../session/use-workflow-url.ts';
import { StartPage } from './start-page.tsx';
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
  const openWorkflowCommands = useRef<(command: OpenWorkflowCommand) => void>(undefined);
  useWindowCommands(workspace, openHelp, openWorkflowCommands);
  useWorkflowUrl({
    ready: workspace.catalogue !== undefined,
    openId: session?.workflowId,
    open: workspace.open,
    close: workspace.close,
  });

  return (
    <>
      {session === undefined ? (
        <div className="app">
          <TopBar workspace={workspace} onHelp={openHelp} />
          <aside className="app-left">
            <WorkflowList workspace={workspace} />
          </aside>
          <main className="app-center empty-state">
            <StartPage workspace={workspace} />
          </main>
        </div>
      ) : (
        <EditorContext value={session}>
          <OpenWorkflowContext value={workspace.open}>
            <ReactFlowProvider key={session.serial}>
              <OpenWorkflow session={session} workspace={workspace} onHelp={openHelp} commands={openWorkflowCommands} />
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

interface OpenWorkflowProps {
  session: EditorSession;
  workspace: Workspace;
  onHelp: () => void;
  /** Where the window's commands (desktop menus) find this workflow's. */
  commands: RefObject<((command: OpenWorkflowCommand) => void) | undefined>;
}

function OpenWorkflow({ session, workspace, onHelp, commands }: OpenWorkflowProps) {
  useAutosave(session);
  useShownRunSync();
  const [askingName, setAskingName] = useState(false);
  const closeSaveAs = useCallback(() => setAskingName(false), []);
  const openSaveAs = useCallback(() => setAskingName(true), []);
  const { exportOpen, close, saveAs } = workspace;
  const ui = useMemo(
    () => ({ onHelp, onSaveAs: openSaveAs, onExport: () => void exportOpen(), onClose: close }),
    [onHelp, openSaveAs, exportOpen, close],
  );
  const runCommand = useOpenWorkflowCommands(session, ui);
  useEditorKeys(runCommand);
  useEffect(() => {
    commands.current = runCommand;
    return () => {
      if (commands.current === runCommand) commands.current = undefined;
    };
  }, [commands, runCommand]);
  return (
    <div className="app editor-window">
      <TopBar workspace={workspace} onHelp={onHelp} onSaveAs={openSaveAs} />
      <EditorLayout left={<LeftDock workspace={workspace} />} canvas={<Canvas />} right={<SideDock />} bottom={<BottomDock />} />
      {askingName && (
        <SaveAsDialog
          initialName={`${selectMeta(session.store.getState()).name} copy`}
          onClose={closeSaveAs}
          onSave={(copyName) => {
            setAskingName(false);
            void saveAs(copyName);
          }}
        />
      )}
    </div>
  );
}
