import { loadProviders } from '../../services/llm/providers.ts';
import { workspacePaths } from '../../services/data-dir.ts';
import type { ApiContext, CallImpls } from './call-types.ts';

/** The workspace's model providers for the editor's pickers: names and listed models, read again on each call. */
export function providerCalls(context: ApiContext): CallImpls<'providers.list'> {
  return {
    async 'providers.list'({ workspace }) {
      const providers = await loadProviders({ workspaceRoot: workspacePaths(context.dataDir, workspace).root, env: context.env });
      return { providers: providers.map((provider) => ({ name: provider.name, models: [...provider.models] })) };
    },
  };
}
