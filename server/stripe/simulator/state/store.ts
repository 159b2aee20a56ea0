import type { Kind, KindMap } from './objects';

/** Everything the simulator knows, as plain JSON so a dev restart can reload it. */
export interface StoreData {
  version: 1;
  objects: { [K in Kind]?: Record<string, KindMap[K]> };
  /** Creation order of every object, for "newest first" lists. */
  seq: Record<string, number>;
  nextSeq: number;
  /** One-off facts such as "trial_will_end already sent for this trial". */
  marks: Record<string, true>;
}

/** Events kept by default (Stripe keeps 30 days; a long-running dev simulator keeps the newest few thousand). */
export const DEFAULT_MAX_EVENTS = 5000;

function emptyStoreData(): StoreData {
  return { version: 1, objects: {}, seq: {}, nextSeq: 1, marks: {} };
}

/** The committed state. Requests never touch it directly: they work in a `Tx` and commit. */
export class Store {
  private readonly listeners: Array<() => void> = [];

  constructor(
    readonly data: StoreData = emptyStoreData(),
    private readonly maxEvents = DEFAULT_MAX_EVENTS,
  ) {}

  table<K extends Kind>(kind: K): Record<string, KindMap[K]> {
    const existing = this.data.objects[kind];
    if (existing) return existing;
    const created: Record<string, KindMap[K]> = {};
    this.data.objects[kind] = created as StoreData['objects'][K];
    return created;
  }

  allocateSeq(): number {
    return this.data.nextSeq++;
  }

  seqOf(id: string): number {
    return this.data.seq[id] ?? 0;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  changed(): void {
    this.pruneEvents();
    for (const listener of this.listeners) listener();
  }

  /** Drops the oldest events beyond `maxEvents` (with some slack, so pruning is rare). */
  private pruneEvents(): void {
    const events = this.table('event');
    const ids = Object.keys(events);
    if (ids.length <= this.maxEvents * 1.2) return;
    ids.sort((a, b) => this.seqOf(a) - this.seqOf(b));
    for (const id of ids.slice(0, ids.length - this.maxEvents)) {
      delete events[id];
      delete this.data.seq[id];
    }
  }
}
