/**
 * Runs once when the server process starts: validates the configuration and starts the runtime, so a
 * bad variable stops start-up with one clear message instead of failing on the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./server/start');
  await startServer();
}
