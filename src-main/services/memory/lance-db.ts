import { mkdir } from 'node:fs/promises';
import { connect, type Connection, type Table } from '@lancedb/lancedb';
import type { Schema } from 'apache-arrow';
import { storage } from './storage.ts';

/** One workspace's LanceDB directory, connected on first use, with its tables cached by name. */
export class LanceDir {
  readonly dir: string;
  private connecting: Promise<Connection> | undefined;
  private readonly tables = new Map<string, Table>();

  constructor(dir: string) {
    this.dir = dir;
  }

  connection(): Promise<Connection> {
    this.connecting ??= storage('opening the memory folder', async () => {
      await mkdir(this.dir, { recursive: true });
      return connect(this.dir);
    }).catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  /** The table, or null when it does not exist yet. */
  async open(name: string): Promise<Table | null> {
    const cached = this.tables.get(name);
    if (cached !== undefined) return cached;
    const db = await this.connection();
    const table = await storage(`opening table ${name}`, async () => {
      const names = await db.tableNames();
      return names.includes(name) ? db.openTable(name) : null;
    });
    if (table !== null) this.tables.set(name, table);
    return table;
  }

  /** The table, created empty with `schema` when missing (`exist_ok`, so two creators do not clash). */
  async openOrCreate(name: string, schema: Schema): Promise<Table> {
    const existing = await this.open(name);
    if (existing !== null) return existing;
    const db = await this.connection();
    const table = await storage(`creating table ${name}`, () => db.createEmptyTable(name, schema, { existOk: true }), {
      retry: true,
    });
    this.tables.set(name, table);
    return table;
  }

  async drop(name: string): Promise<void> {
    const db = await this.connection();
    this.tables.get(name)?.close();
    this.tables.delete(name);
    await storage(`dropping table ${name}`, () => db.dropTable(name));
  }

  async tableNames(): Promise<string[]> {
    const db = await this.connection();
    return storage('listing tables', () => db.tableNames());
  }

  async close(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = undefined;
    for (const table of this.tables.values()) table.close();
    this.tables.clear();
    if (connecting !== undefined) (await connecting.catch(() => undefined))?.close();
  }
}
