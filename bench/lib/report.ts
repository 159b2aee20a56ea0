import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';

/** What the numbers were measured on: they only compare within one run. */
export function machine(): string {
  const pg = (() => {
    try {
      return execSync("psql -h 127.0.0.1 -U postgres -Atc 'show server_version'", { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, PostgreSQL ${pg}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Replaces the section `## <title>` of bench/RESULTS.md with the new text. */
export function writeSection(title: string, body: string): void {
  const file = path.join(process.cwd(), 'bench', 'RESULTS.md');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text =
      '# Benchmark results\n\nWritten by the scripts in `bench/`; figures compare only within one run (see PERFORMANCE.md).\n';
  }
  const heading = `## ${title}`;
  const start = text.indexOf(heading);
  const section = `${heading}\n\n${body.trim()}\n\n`;
  if (start === -1) {
    text = `${text.trimEnd()}\n\n${section}`;
  } else {
    const next = text.indexOf('\n## ', start + heading.length);
    text = text.slice(0, start) + section + (next === -1 ? '' : text.slice(next + 1));
  }
  writeFileSync(file, `${text.trimEnd()}\n`);
}

export const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
