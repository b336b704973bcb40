// parley-server as a library: the app, the server around it, the configuration and the
// storage. The command is cli.ts (`parley-server`).
export {createApp} from './app.js';
export type {ParleyApp} from './app.js';
export {ConfigError, ENV_NAMES, SETTINGS, loadConfig, usage} from './config.js';
export type {Config, LogLevel} from './config.js';
export type {AppEnv} from './env.js';
export {createLog, quietLog} from './log.js';
export type {Log} from './log.js';
export {main} from './main.js';
export type {MainOptions} from './main.js';
export {startServer} from './server.js';
export type {RunningServer, StartOptions} from './server.js';
export {openStorage, StorageUnavailable} from './storage/index.js';
export type * from './storage/types.js';
