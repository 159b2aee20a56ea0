import type { AnyObject, Kind, KindMap, StripeEvent } from './objects';
import type { Store } from './store';

interface Entry {
  kind: Kind;
  /** null once removed in this transaction. */
  obj: AnyObject | null;
}

/**
 * One request's (or one scheduled step's) view of the store. Reads hand out private copies, so a
 * request that fails half-way leaves nothing behind: only `commit` publishes its changes and events.
 */
export class Tx {
  private readonly entries = new Map<string, Entry>();
  private readonly newSeqs = new Map<string, number>();
  private readonly newMarks = new Set<string>();
  readonly events: StripeEvent[] = [];

  constructor(private readonly store: Store) {}

  get<K extends Kind>(kind: K, id: string): KindMap[K] | undefined {
    const key = `${kind}:${id}`;
    const entry = this.entries.get(key);
    if (entry) return (entry.obj ?? undefined) as KindMap[K] | undefined;
    const base = Object.hasOwn(this.store.table(kind), id) ? this.store.table(kind)[id] : undefined;
    if (!base) return undefined;
    const copy = structuredClone(base);
    this.entries.set(key, { kind, obj: copy });
    return copy;
  }

  insert<K extends Kind>(kind: K, obj: KindMap[K]): KindMap[K] {
    this.entries.set(`${kind}:${obj.id}`, { kind, obj });
    if (!this.newSeqs.has(obj.id) && !this.store.seqOf(obj.id)) this.newSeqs.set(obj.id, this.store.allocateSeq());
    return obj;
  }

  remove(kind: Kind, id: string): void {
    this.entries.set(`${kind}:${id}`, { kind, obj: null });
  }

  /**
   * Objects of a kind matching `pred`, newest first. `pred` sees the current version read-only;
   * the results are this transaction's own copies, safe to change.
   */
  find<K extends Kind>(kind: K, pred: (obj: KindMap[K]) => boolean = () => true): KindMap[K][] {
    const ids = new Set(Object.keys(this.store.table(kind)));
    for (const entry of this.entries.values()) if (entry.kind === kind && entry.obj) ids.add(entry.obj.id);
    const matches: KindMap[K][] = [];
    for (const id of ids) {
      const entry = this.entries.get(`${kind}:${id}`);
      const current = (entry ? entry.obj : this.store.table(kind)[id]) as KindMap[K] | null | undefined;
      if (current && pred(current)) matches.push(this.get(kind, id) as KindMap[K]);
    }
    return matches.sort((a, b) => this.seqOf(b.id) - this.seqOf(a.id));
  }

  /** A transaction over the same committed state whose changes will be thrown away (previews). */
  scratch(): Tx {
    return new Tx(this.store);
  }

  seqOf(id: string): number {
    return this.newSeqs.get(id) ?? this.store.seqOf(id);
  }

  hasMark(mark: string): boolean {
    return this.newMarks.has(mark) || Object.hasOwn(this.store.data.marks, mark);
  }

  mark(mark: string): void {
    this.newMarks.add(mark);
  }

  addEvent(event: StripeEvent, position = this.events.length): void {
    this.events.splice(position, 0, event);
  }

  /** Publishes the changes; returns the events in the order they happened. */
  commit(): StripeEvent[] {
    for (const entry of this.entries.values()) {
      if (!entry.obj) continue;
      this.store.table(entry.kind)[entry.obj.id] = entry.obj as never;
    }
    for (const [key, entry] of this.entries) {
      if (entry.obj) continue;
      const id = key.slice(entry.kind.length + 1);
      delete this.store.table(entry.kind)[id];
      delete this.store.data.seq[id];
    }
    for (const [id, seq] of this.newSeqs) this.store.data.seq[id] = seq;
    for (const mark of this.newMarks) this.store.data.marks[mark] = true;
    for (const event of this.events) {
      this.store.table('event')[event.id] = event;
      this.store.data.seq[event.id] = this.store.allocateSeq();
    }
    this.store.changed();
    return this.events;
  }
}
