import type { FormObject, FormValue } from './form';

const RETENTION_MS = 24 * 60 * 60 * 1000;

export interface SavedResponse {
  status: number;
  body: string;
  requestId: string;
}

interface Entry {
  fingerprint: string;
  response: SavedResponse;
  savedAt: number;
}

/**
 * Stripe's idempotency layer: the first response under a key is saved with the request's endpoint
 * and parameters and replayed byte for byte; the same key with other parameters is an error; a key
 * whose first request is still running answers 409. Keys are forgotten after 24 hours.
 */
export class IdempotencyStore {
  private readonly saved = new Map<string, Entry>();
  private readonly running = new Set<string>();

  /** False when a request with this key is already running. */
  begin(key: string): boolean {
    if (this.running.has(key)) return false;
    this.running.add(key);
    return true;
  }

  end(key: string): void {
    this.running.delete(key);
  }

  lookup(key: string): Entry | undefined {
    const entry = this.saved.get(key);
    if (entry && Date.now() - entry.savedAt > RETENTION_MS) {
      this.saved.delete(key);
      return undefined;
    }
    return entry;
  }

  save(key: string, fingerprint: string, response: SavedResponse): void {
    this.prune();
    this.saved.set(key, { fingerprint, response, savedAt: Date.now() });
  }

  private prune(): void {
    const cutoff = Date.now() - RETENTION_MS;
    for (const [key, entry] of this.saved) if (entry.savedAt < cutoff) this.saved.delete(key);
  }
}

/** Endpoint plus parameters, independent of the order the parameters were sent in. */
export function fingerprint(method: string, path: string, params: FormObject): string {
  return `${method} ${path} ${canonical(params)}`;
}

function canonical(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k] ?? '')}`).join(',')}}`;
}
