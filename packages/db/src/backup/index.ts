export { type BackupSummary, backupServices, type ServiceDatabase } from './dump.ts';
export { FORMAT, FORMAT_VERSION } from './format.ts';
export { type RestoreOptions, type RestoreSummary, restoreServices } from './restore.ts';
