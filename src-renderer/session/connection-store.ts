import { create } from 'zustand';
import type { ConnectionStatus } from '../../src-shared/api/socket-transport.ts';

/** The API socket's state, shown in the top bar. */
export const useConnectionStore = create<{ status: ConnectionStatus }>()(() => ({ status: 'connecting' }));

export const setConnectionStatus = (status: ConnectionStatus) => useConnectionStore.setState({ status });
