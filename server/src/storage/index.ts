import type {OpenOptions, Storage, StorageConfig} from './types.js';

export type * from './types.js';
export {StorageUnavailable} from './types.js';

/** Opens the storage the configuration names and runs its migrations. Drivers load on demand. */
export async function openStorage(config: StorageConfig, options: OpenOptions = {}): Promise<Storage> {
  if (config.storage === 'postgres') {
    const {openPostgres} = await import('./postgres.js');
    return openPostgres({
      url: config.databaseUrl,
      schema: config.pgSchema,
      poolSize: config.pgPoolSize,
      timeoutMs: config.dbTimeoutMs,
      ...options,
    });
  }
  const {openSqlite} = await import('./sqlite.js');
  return openSqlite({dataDir: config.dataDir, timeoutMs: config.dbTimeoutMs, ...options});
}
export type * from './console-types.js';
