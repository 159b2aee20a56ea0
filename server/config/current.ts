import { loadConfig, type AppConfig } from './config';

let cached: AppConfig | undefined;

/** The validated configuration, read once per process (pages use it without starting the database). */
export function getConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
