// Schema migrations: the numbered files of server/migrations, one set for both databases.
// Where the two differ, a file says `${name}` and each database fills it in (Flyway's
// placeholders). Append only: never edit or renumber a file that has shipped; add one.
import {readFileSync, readdirSync} from 'node:fs';

export type Dialect = 'sqlite' | 'postgres';

export interface Migration {
  version: number;
  /** The first line's comment, recorded with the version. */
  name: string;
  sql: string;
}

const PLACEHOLDERS: Record<Dialect, Record<string, string>> = {
  sqlite: {
    serial_primary_key: 'INTEGER PRIMARY KEY AUTOINCREMENT',
    big_integer: 'INTEGER',
    timestamp: 'TEXT',
    without_rowid: 'WITHOUT ROWID',
    // Milliseconds since the epoch, written by the driver.
    key_created_at: 'INTEGER NOT NULL',
  },
  postgres: {
    serial_primary_key: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
    big_integer: 'BIGINT',
    timestamp: 'TIMESTAMPTZ',
    without_rowid: '',
    key_created_at: 'TIMESTAMPTZ NOT NULL DEFAULT now()',
  },
};

const FOLDER = new URL('../../migrations/', import.meta.url);
const FILE = /^(\d{4})-[a-z0-9-]+\.sql$/;

/** Every migration, in order, as `dialect` runs it. */
export function migrations(dialect: Dialect): Migration[] {
  const values = PLACEHOLDERS[dialect];
  return readdirSync(FOLDER)
    .filter((f) => FILE.test(f))
    .sort()
    .map((file, i) => {
      const version = Number.parseInt(file, 10);
      if (version !== i + 1) throw new Error(`migrations/${file}: expected version ${i + 1}; versions must follow each other.`);
      const text = readFileSync(new URL(file, FOLDER), 'utf8');
      const sql = text.replace(/\$\{(\w+)\}/g, (_, key: string) => {
        const value = values[key];
        if (value === undefined) throw new Error(`migrations/${file}: no ${dialect} value for the placeholder \${${key}}.`);
        return value;
      });
      return {version, name: /^--\s*(.+)$/m.exec(text)?.[1]?.trim() ?? file, sql};
    });
}

/** The newest schema version this code knows. */
export const LATEST_VERSION = migrations('sqlite').length;

/** The error for a database that a newer server has migrated further. */
export function tooNew(current: number): Error {
  return new Error(
    `The database is at schema version ${current}, newer than this server knows (${LATEST_VERSION}). Run a newer server.`
  );
}
