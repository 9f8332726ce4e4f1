import { PGlite, types } from '@electric-sql/pglite';
import { copyInitdbTemplate } from './pglite-initdb-template';

/** PostgreSQL's shared buffers inside PGlite (see open()). */
const SHARED_BUFFERS = '32MB';

type QueryResult = { rows: unknown[]; rowCount: number; command: string };

export type PoolClientLike = {
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  release(): void;
};

// PGlite is one connection: every borrower takes it exclusively, so a transaction never interleaves with
// another caller's statements. App borrowers run as the RLS-bound role; pg-boss and migrations as the owner.
export class PGlitePool {
  private queue: Array<() => void> = [];
  private busy = false;
  private role: string | null = null;

  constructor(readonly pglite: PGlite) {}

  /** `initdbTemplate`: an empty cluster a new `dataDir` starts as (see copyInitdbTemplate), when it exists. */
  static async open(dataDir: string, initdbTemplate?: string): Promise<PGlitePool> {
    const inMemory = dataDir.startsWith('memory://');
    if (!inMemory && initdbTemplate) await copyInitdbTemplate(dataDir, initdbTemplate);
    const pglite = await PGlite.create(inMemory ? undefined : dataDir, {
      parsers: { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) },
      // PGlite's WebAssembly memory holds PostgreSQL's shared buffers and is written through at start (initdb's 128 MB
      // made ~100 MiB of the idle server's memory and ~0.3 s of its start). The data files stay in the operating
      // system's page cache, so a smaller pool costs a copy on a miss, not a disk read.
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
    });
    return new PGlitePool(pglite);
  }

  private async lock(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  private unlock(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.busy = false;
  }

  private async setRole(role: string | null): Promise<void> {
    if (this.role === role) return;
    await this.pglite.exec(role ? `SET ROLE ${role}` : 'RESET ROLE');
    this.role = role;
  }

  async connect(role: string | null = null): Promise<PoolClientLike> {
    await this.lock();
    try {
      await this.setRole(role);
    } catch (err) {
      this.unlock();
      throw err;
    }
    let released = false;
    return {
      query: async (sql, params) => {
        const res = await this.pglite.query(sql, params ? [...params] : [], { rowMode: 'object' });
        return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length, command: commandOf(sql) };
      },
      release: () => {
        if (released) return;
        released = true;
        this.unlock();
      },
    };
  }

  // Multi-statement SQL without parameters (migrations, pg-boss plans) goes through exec.
  async executeSql(text: string, values: unknown[] = [], role: string | null = null): Promise<{ rows: unknown[] }> {
    const client = await this.connect(role);
    try {
      if (values.length === 0) {
        const results = await this.pglite.exec(text);
        return { rows: results.length ? (results[results.length - 1].rows as unknown[]) : [] };
      }
      return await client.query(text, values);
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    await this.lock();
    try {
      await this.pglite.close();
    } finally {
      this.unlock();
    }
  }
}

function commandOf(sql: string): string {
  const m = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge|select)\b/i.exec(sql);
  return m ? m[1].toUpperCase() : 'SELECT';
}
