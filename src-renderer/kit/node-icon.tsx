import {
  Bot,
  Box,
  Brain,
  BrainCircuit,
  Clock,
  Database,
  FileInput,
  FileOutput,
  FolderInput,
  GitBranch,
  Globe,
  LogOut,
  Merge,
  MessageSquarePlus,
  MessagesSquare,
  Play,
  Repeat,
  Signpost,
  Sparkles,
  Split,
  TableProperties,
  TriangleAlert,
  Timer,
  Trash2,
  UserCheck,
  WandSparkles,
  Webhook,
  Workflow,
  type LucideIcon,
} from 'lucide-react';
import './node-visuals.css';

/**
 * The icons node types name (`icon` in their declaration), by name. Only these are imported, so the bundle carries
 * these icons and not the whole set; a type naming another icon adds it here (a test checks every registered type).
 */
const NODE_ICONS: Readonly<Record<string, LucideIcon>> = {
  bot: Bot,
  brain: Brain,
  'brain-circuit': BrainCircuit,
  clock: Clock,
  database: Database,
  'file-input': FileInput,
  'file-output': FileOutput,
  'folder-input': FolderInput,
  'git-branch': GitBranch,
  globe: Globe,
  'log-out': LogOut,
  merge: Merge,
  'message-square-plus': MessageSquarePlus,
  'messages-square': MessagesSquare,
  play: Play,
  repeat: Repeat,
  signpost: Signpost,
  sparkles: Sparkles,
  split: Split,
  'table-properties': TableProperties,
  timer: Timer,
  'trash-2': Trash2,
  'triangle-alert': TriangleAlert,
  'user-check': UserCheck,
  'wand-sparkles': WandSparkles,
  webhook: Webhook,
  workflow: Workflow,
};

/** Whether an icon name has its own icon (otherwise NodeIcon draws the neutral fallback). */
export function hasNodeIcon(name: string): boolean {
  return Object.hasOwn(NODE_ICONS, name);
}

/** A node type's icon as SVG; an unknown name gets a neutral box, never the name as text. Decorative: the title names the node. */
export function NodeIcon({ name, size = 16, className }: { name: string | undefined; size?: number; className?: string }) {
  const Icon = name !== undefined && hasNodeIcon(name) ? NODE_ICONS[name] : undefined;
  const Shown = Icon ?? Box;
  return <Shown size={size} strokeWidth={2} className={className} aria-hidden="true" data-icon={Icon === undefined ? 'fallback' : name} />;
}
