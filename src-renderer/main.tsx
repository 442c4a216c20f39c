import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../src-shared/api/client.ts';
import { createWsTransport } from './api/ws-transport.ts';
import { App } from './app.tsx';
import { setConnectionStatus } from './ui/connection-store.ts';

const container = document.getElementById('root');
if (!container) throw new Error('Operon: index.html has no #root element.');

const api = createApiClient(createWsTransport({ onStatus: setConnectionStatus }));

createRoot(container).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
