import { z } from 'zod';

/**
 * What only the desktop app has: calls the Electron main process answers itself (never the engine host, never
 * `operon serve`) and events it pushes to its windows. The preload's bridge lets these names through beside the
 * engine contract's (contract.ts); the main process validates every input against these schemas, as the engine does
 * its own. In a browser (`operon serve`) none of this exists, and the editor hides what needs it.
 */
const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/**
 * The editor commands the desktop shell's menus send to the focused window (menu.ts builds the menus from
 * editor-commands.ts, which also gives their accelerators). Each one is carried out by the editor as if its button or
 * shortcut had been used.
 */
export const EDITOR_COMMANDS = [
  'new',
  'save',
  'saveAs',
  'export',
  'close',
  'undo',
  'redo',
  'duplicate',
  'delete',
  'layout',
  'zoomIn',
  'zoomOut',
  'fitView',
  'toggleTheme',
  'run',
  'debug',
  'step',
  'continue',
  'cancel',
  'breakpoint',
  'help',
] as const;
export const EditorCommandSchema = z.enum(EDITOR_COMMANDS);
export type EditorCommand = z.infer<typeof EditorCommandSchema>;

/**
 * A model provider key's name as the engine reads it: an environment variable such as `OPENAI_API_KEY`. Only names
 * that say they hold a key or a secret (`…_KEY`, `…_TOKEN`, `…_SECRET`, `OPERON_SECRET_…`): a stored "key" named
 * `PATH` or `NODE_OPTIONS` would change how the engine process and what it starts behave, not which key it sends.
 */
export const ProviderKeyNameSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, {
    error: 'a key name is an environment variable name: capitals, digits and _, such as OPENAI_API_KEY',
    abort: true,
  })
  .refine(
    (name) => /_(KEY|TOKEN|SECRET)$/.test(name) || /^OPERON_SECRET_[A-Z0-9]/.test(name),
    'a key name ends in _KEY, _TOKEN or _SECRET, or is OPERON_SECRET_<NAME> (such as OPENAI_API_KEY)',
  );

/** Whether keys can be kept safely on this machine, and why not when they cannot. */
export const KeyStorageSchema = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true) }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);

/** A workflow file that reached the app, for a window to open. */
export const OpenedFileSchema = z.object({
  path: z.string().min(1),
  text: z.string(),
  /** `open`: show the workflow, the one already in the workspace when it is the same; `import`: always a new copy. */
  as: z.enum(['open', 'import']),
});

export const DESKTOP_CALLS = {
  /**
   * The window is ready to open files: the ones that reached the app before it was (on the command line, by a
   * double-click that started the app) are handed over now, once; later ones come as `desktop.openFile` events.
   */
  'desktop.takeOpenFiles': call(z.object({}).strict(), z.object({ files: z.array(OpenedFileSchema) })),
  /** The provider keys stored in the app (names and when they were set, never the values), and whether keys can be stored. */
  'desktop.providerKeys.list': call(
    z.object({}).strict(),
    z.object({ storage: KeyStorageSchema, keys: z.array(z.object({ name: ProviderKeyNameSchema, updatedAt: z.iso.datetime() })) }),
  ),
  /**
   * Stores a provider key encrypted with the OS keychain (Electron's `safeStorage`) and hands it to the engine host,
   * which reads it as the environment variable of that name. Refused (OPR-165) where the OS offers no safe storage
   * (Linux's `basic_text` backend): environment variables keep working there.
   */
  'desktop.providerKeys.set': call(
    z.object({ name: ProviderKeyNameSchema, value: z.string().min(1).max(4096) }).strict(),
    z.object({ name: ProviderKeyNameSchema, updatedAt: z.iso.datetime() }),
  ),
  /** Forgets a stored provider key. */
  'desktop.providerKeys.remove': call(z.object({ name: ProviderKeyNameSchema }).strict(), z.object({ removed: z.boolean() })),
} as const;

export const DESKTOP_EVENTS = {
  /** A menu item (or its accelerator) was used: the focused window carries out the editor command. */
  'desktop.command': z.object({ command: EditorCommandSchema }),
  /**
   * A workflow file reached the app: chosen in File › Open or Open Recent, passed on the command line, double-clicked
   * (file association) or handed over by a second instance. The window opens it (importing it when it is not already
   * in the workspace).
   */
  'desktop.openFile': OpenedFileSchema,
} as const;

export type OpenedFile = z.infer<typeof OpenedFileSchema>;
export type DesktopCalls = typeof DESKTOP_CALLS;
export type DesktopCallName = keyof DesktopCalls;
export type DesktopCallInput<N extends DesktopCallName> = z.input<DesktopCalls[N]['input']>;
export type DesktopCallOutput<N extends DesktopCallName> = z.output<DesktopCalls[N]['output']>;
export type DesktopEventName = keyof typeof DESKTOP_EVENTS;
export type DesktopEventPayload<E extends DesktopEventName> = z.output<(typeof DESKTOP_EVENTS)[E]>;

export const DESKTOP_CALL_NAMES = Object.keys(DESKTOP_CALLS) as DesktopCallName[];
export const DESKTOP_EVENT_NAMES = Object.keys(DESKTOP_EVENTS) as DesktopEventName[];

export function isDesktopCallName(name: string): name is DesktopCallName {
  return Object.hasOwn(DESKTOP_CALLS, name);
}

export function isDesktopEventName(name: string): name is DesktopEventName {
  return Object.hasOwn(DESKTOP_EVENTS, name);
}
