import { IPC_CHANNELS, IpcRequestSchema, type BridgeAnswer } from '../../src-shared/api/bridge.ts';
import { isCallName, type EventPayload } from '../../src-shared/api/contract.ts';
import {
  DESKTOP_CALLS,
  isDesktopCallName,
  type DesktopCallName,
  type DesktopCallOutput,
  type DesktopCalls,
  type DesktopEventName,
  type DesktopEventPayload,
} from '../../src-shared/api/desktop-contract.ts';
import type { z } from 'zod';
import { API_ERROR_CODES, badRequest, toApiErrorInfo } from '../../src-shared/api/errors.ts';
import type { ApiPort } from '../../src-shared/api/message-port.ts';
import { createPortTransport, type PortTransport } from '../../src-shared/api/port-transport.ts';

/** The part of Electron's `ipcMain` the router uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, message: unknown) => Promise<BridgeAnswer>): void;
  removeHandler(channel: string): void;
}

/** The part of an `ipcMain.handle` event the router reads: which window sent it, from which frame. */
export interface IpcInvokeEventLike {
  sender: { id: number };
  /** Null when the frame has gone (navigated away or destroyed) since it sent the message. */
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of a window's `webContents` the router uses. */
export interface WindowContentsLike {
  readonly id: number;
  send(channel: string, message: unknown): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcRouterOptions {
  ipcMain: IpcMainLike;
  /** Whether a frame's URL is the app's own renderer (renderer-location.ts). */
  isAppUrl: (url: string) => boolean;
  /** Opens a connection to the engine host for a window: a port whose other end the engine process serves. */
  connect(contents: WindowContentsLike): ApiPort;
  /** The main process's own calls (desktop-contract.ts); without them, each is refused as not available. */
  desktop?: Partial<DesktopCallImpls>;
}

/** How the main process answers each desktop call: the input validated, the window that asked. */
export type DesktopCallImpls = {
  [N in DesktopCallName]: (input: z.output<DesktopCalls[N]['input']>, contents: WindowContentsLike) => Promise<DesktopCallOutput<N>>;
};

/** Pushes one of the desktop shell's own events (desktop-contract.ts) to a window. */
export function sendDesktopEvent<E extends DesktopEventName>(
  contents: WindowContentsLike,
  event: E,
  payload: DesktopEventPayload<E>,
): void {
  if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, { event, payload });
}

/** Routes the windows' API calls to the engine host, one connection per window, and their events back. */
export interface IpcRouter {
  /** Opens the window's connection to the engine host; it closes when the window's contents are destroyed. */
  attach(contents: WindowContentsLike): void;
  /**
   * After the engine host restarted: every window gets a new connection, and `host.restarted` for each workspace its
   * calls named (so its live runs watch again).
   */
  reconnectAll(reason: string): void;
  /** Stops answering and closes every connection. */
  dispose(): void;
}

interface Link {
  contents: WindowContentsLike;
  transport: PortTransport;
  /** The workspaces the window's calls named: each hears `host.restarted` after a restart. */
  workspaces: Set<string>;
}

/**
 * The main process's side of the bridge. Each call on {@link IPC_CHANNELS}.request is checked before anything else:
 * it must come from the top frame of a window the router attached, showing the app's own renderer (OPR-164
 * otherwise), and be an `{ call, input }` naming a contract call (OPR-160 otherwise). It then goes to the engine host
 * over the window's port, whose answer (or error) comes back as a {@link BridgeAnswer}; the handler never throws, so
 * no error crosses IPC without its code. A desktop call (desktop-contract.ts) is validated here and answered by the
 * main process's own {@link DesktopCallImpls}. The engine host validates the input against the contract, as for every
 * transport. Events the engine pushes on a window's port go to that window only.
 */
export function createIpcRouter(options: IpcRouterOptions): IpcRouter {
  const links = new Map<number, Link>();

  function open(contents: WindowContentsLike): Link {
    const transport = createPortTransport(options.connect(contents));
    transport.onEvent((event, payload) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, { event, payload });
    });
    return { contents, transport, workspaces: new Set() };
  }

  async function answer(event: IpcInvokeEventLike, message: unknown): Promise<BridgeAnswer> {
    const frame = event.senderFrame;
    if (frame === null) return refused("the caller's frame is gone");
    if (frame.parent !== null || !options.isAppUrl(frame.url))
      return refused(
        `the caller is not Operon's editor: frame ${JSON.stringify(frame.url)}${frame.parent === null ? '' : ' (a subframe)'}`,
      );
    const link = links.get(event.sender.id);
    if (link === undefined) return refused('this window has no connection to the Operon engine host');
    const parsed = IpcRequestSchema.safeParse(message);
    if (!parsed.success) return { ok: false, error: badRequest('message', parsed.error).toApiInfo() };
    const { call, input } = parsed.data;
    if (isDesktopCallName(call)) return answerDesktop(call, input, link.contents);
    if (!isCallName(call))
      return { ok: false, error: { code: API_ERROR_CODES.badRequest, message: `unknown call ${JSON.stringify(call)}` } };
    try {
      const output = await link.transport.request(call, input);
      link.workspaces.add(workspaceOf(input));
      return { ok: true, output };
    } catch (error) {
      return { ok: false, error: toApiErrorInfo(error) };
    }
  }

  async function answerDesktop(call: DesktopCallName, input: unknown, contents: WindowContentsLike): Promise<BridgeAnswer> {
    const impl = options.desktop?.[call] as ((input: unknown, contents: WindowContentsLike) => Promise<unknown>) | undefined;
    if (impl === undefined)
      return { ok: false, error: { code: API_ERROR_CODES.badRequest, message: `${call} is not available in this window` } };
    const parsed = (DESKTOP_CALLS[call].input as z.ZodType).safeParse(input);
    if (!parsed.success) return { ok: false, error: badRequest(call, parsed.error).toApiInfo() };
    try {
      return { ok: true, output: await impl(parsed.data, contents) };
    } catch (error) {
      return { ok: false, error: toApiErrorInfo(error) };
    }
  }

  options.ipcMain.handle(IPC_CHANNELS.request, answer);

  return {
    attach(contents) {
      if (links.has(contents.id)) return;
      links.set(contents.id, open(contents));
      contents.once('destroyed', () => {
        links.get(contents.id)?.transport.close();
        links.delete(contents.id);
      });
    },
    reconnectAll(reason) {
      for (const [id, old] of [...links]) {
        old.transport.close();
        if (old.contents.isDestroyed()) {
          links.delete(id);
          continue;
        }
        const link = open(old.contents);
        link.workspaces = old.workspaces;
        links.set(id, link);
        for (const workspace of old.workspaces) {
          const payload: EventPayload<'host.restarted'> = { workspace, reason };
          old.contents.send(IPC_CHANNELS.event, { event: 'host.restarted', payload });
        }
      }
    },
    dispose() {
      options.ipcMain.removeHandler(IPC_CHANNELS.request);
      for (const link of links.values()) link.transport.close();
      links.clear();
    },
  };
}

/** The workspace a call named (the contract defaults it to "default"), once the engine has accepted the call. */
function workspaceOf(input: unknown): string {
  const workspace = (input as { workspace?: unknown } | null | undefined)?.workspace;
  return typeof workspace === 'string' ? workspace : 'default';
}

function refused(message: string): BridgeAnswer {
  return { ok: false, error: { code: API_ERROR_CODES.refusedCaller, message } };
}
