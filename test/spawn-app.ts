import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface AppProcess {
  child: ChildProcess;
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  exited: Promise<number | null>;
  /** Kills it if still running and removes its data directory. */
  cleanup: () => void;
}

/** Starts test/app-process.ts with a fresh data directory and `env`, and waits until it listens. */
export async function spawnApp(env: Record<string, string> = {}): Promise<AppProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'billing-app-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'app-process.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PGLITE_DIR: path.join(dir, 'pglite'),
      LOCAL_AUTH_DIR: path.join(dir, 'auth'),
      STRIPE_SIM_PORT: '0',
      STRIPE_SIM_STATE: path.join(dir, 'sim.json'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      chunks.push(chunk.toString());
      const listening = /"listening":"([^"]+)"/.exec(chunks.join(''))?.[1];
      if (listening) resolve(listening);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    void exited.then((code) => reject(new Error(`the app exited (${code}) before listening:\n${chunks.join('')}`)));
  });
  return {
    child,
    url,
    output: () => chunks.join(''),
    exited,
    cleanup: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
