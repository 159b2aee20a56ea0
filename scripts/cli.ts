import { ConfigError, loadConfig, type AppConfig } from '../server/config/config';

/** Loads the configuration for a command-line script; a bad variable prints one message and exits 1. */
export function loadScriptConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Runs a script's main function, printing failures without a stack trace unless DEBUG is set. */
export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      console.error(process.env.DEBUG ? error : `error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
