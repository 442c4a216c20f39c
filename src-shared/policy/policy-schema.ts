import { z } from 'zod';

/** A host name, an IP address, or `*.` and a domain (any name under it, not the domain itself). */
const HostPatternSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9._:[\]-]+$/, 'a host name, an IP address or "*.example.com"');

const LimitsSchema = z
  .object({
    maxTokens: z.int().positive().optional(),
    maxCostUsd: z.number().nonnegative().optional(),
  })
  .strict();

/**
 * `workspaces/<id>/policy.json`: what the workspace's runs may do, enforced by the engine and its services at run time
 * (docs/policies.md). Every list left out allows everything; an absent file is the one-person local setup (no checks).
 */
export const TenantPolicySchema = z
  .object({
    models: z
      .object({
        /** Model provider names (as providers.json names them) that nodes may call; absent = any configured provider. */
        providers: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .default({}),
    budgets: z
      .object({
        /** Caps every run: a workflow's own budget (settings.budgets) may be lower, never higher. */
        perRun: LimitsSchema.default({}),
        /** The workspace's model spend per UTC day, across runs. */
        perDay: LimitsSchema.default({}),
      })
      .strict()
      .default({ perRun: {}, perDay: {} }),
    /** Node type ids (e.g. "http-request") a workflow may use; absent = every type. */
    nodeTypes: z.array(z.string().min(1)).optional(),
    /** Agent tools a workflow may give an Agent, by kind ("http", "read-file", "workflow", "memory-search") or by name; absent = all. */
    agentTools: z.array(z.string().min(1)).optional(),
    http: z
      .object({
        /** Hosts requests may go to ("api.example.com", "*.example.com", "10.0.0.5"); absent = any public host. */
        allowedHosts: z.array(HostPatternSchema).optional(),
        /** Allows private, loopback and link-local addresses for every host (refused by default). */
        allowPrivateNetworks: z.boolean().default(false),
      })
      .strict()
      .default({ allowPrivateNetworks: false }),
    retention: z
      .object({
        /** Runs that finished more than this many days ago are pruned. */
        runDays: z.int().positive().optional(),
        /** The runs folder is kept under this many megabytes, oldest finished runs pruned first. */
        maxTotalMb: z.number().positive().optional(),
      })
      .strict()
      .default({}),
    webhooks: z
      .object({
        /** Origins (e.g. "https://app.example.com") a webhook request with an Origin header may come from; absent = any. */
        allowedOrigins: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type TenantPolicy = z.output<typeof TenantPolicySchema>;
export type TenantPolicyInput = z.input<typeof TenantPolicySchema>;

/** The file's name in the workspace folder. */
export const POLICY_FILE = 'policy.json';
