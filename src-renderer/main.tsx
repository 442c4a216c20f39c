import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../src-shared/api/client.ts';
import { createDesktopClient } from './api/desktop-client.ts';
import { createIpcTransport, findBridge } from './api/ipc-transport.ts';
import { createWsTransport } from './api/ws-transport.ts';
import { App } from './app/app.tsx';
import { setConnectionStatus } from './session/connection-store.ts';
import { DEFAULT_WORKSPACE } from './session/api-context.ts';
import { createWorkspaceSession } from './session/workspace-session.ts';

const container = document.getElementById('root');
if (!container) throw new Error('Operon: index.html has no #root element.');

// In the desktop app the preload exposes `window.operon` and the API goes over IPC; in a browser (`operon serve`) it
// goes over the WebSocket. Nothing else differs.
const bridge = findBridge();
const transport =
  bridge === undefined
    ? createWsTransport({ onStatus: setConnectionStatus })
    : createIpcTransport(bridge, { onStatus: setConnectionStatus });
const client = createApiClient(transport);
const workspace = createWorkspaceSession(client, DEFAULT_WORKSPACE, {
  breakpointStorage: window.localStorage,
  ...(bridge === undefined ? {} : { desktop: createDesktopClient(bridge) }),
});

createRoot(container).render(
  <StrictMode>
    <App workspace={workspace} />
  </StrictMode>,
);
