import { ConfigError } from './config/config';
import { getRuntime } from './runtime';

/** Start-up from the Next server: a configuration error prints its message and exits, no stack trace. */
export async function startServer(): Promise<void> {
  try {
    await getRuntime();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
}
