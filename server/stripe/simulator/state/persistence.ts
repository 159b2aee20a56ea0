import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { Logger } from '../types';
import type { Store, StoreData } from './store';

const SAVE_DELAY_MS = 250;

/** The saved state, if the file exists and is one this simulator wrote. */
export function loadState(path: string, logger: Logger): StoreData | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as StoreData;
    if (data.version === 1 && data.objects && data.seq) return data;
    logger.warn({ path }, 'stripe simulator state file has an unknown format; starting empty');
  } catch (error) {
    logger.warn({ path, err: String(error) }, 'stripe simulator state file is unreadable; starting empty');
  }
  return undefined;
}

/** Saves the store shortly after each change (debounced), atomically, so a dev restart picks it up. */
export class Persister {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly store: Store,
    private readonly logger: Logger,
  ) {
    store.onChange(() => this.schedule());
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  private save(): Promise<void> {
    const json = JSON.stringify(this.store.data);
    const tmp = `${this.path}.tmp`;
    this.writing = this.writing
      .then(() => writeFile(tmp, json, 'utf8'))
      .then(() => rename(tmp, this.path))
      .catch((error: unknown) =>
        this.logger.warn({ path: this.path, err: String(error) }, 'stripe simulator could not save its state'),
      );
    return this.writing;
  }

  /** Writes any pending change now. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.save();
    }
    await this.writing;
  }
}
