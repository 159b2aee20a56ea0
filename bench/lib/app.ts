import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const NEXT_BIN = 'node_modules/next/dist/bin/next';

export interface RunningApp {
  url: string;
  pid: number;
  /** Resident memory of the app process, in MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}

/** Starts the production build (`next start`) with the given environment and waits for /health. */
export async function startApp(port: number, env: Record<string, string>): Promise<RunningApp> {
  // BENCH_CPU_PROFILE=dir writes a V8 CPU profile of the app there when it stops (open it in DevTools).
  const profile = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, NEXT_BIN, 'start', '-p', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    rssMiB: () => rssOf(child.pid!),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
      }),
  };
}

/** VmRSS of a process and its children (next start may fork its server). */
export function rssOf(pid: number): number {
  const own = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  let children = 0;
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
      children += rssOf(Number(child)) * 1024;
    }
  } catch {
    // no children file
  }
  return Math.round((own + children) / 1024);
}
