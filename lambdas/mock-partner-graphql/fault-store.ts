/**
 * Where the mock partner keeps its run-time faults and per-id call counts. Lambda instances share
 * no memory, so on AWS (and in the local cloud) both live in S3 under `mock-partner/`, behind the
 * `ObjectStore` port: the document at `faults.json`, a counter per id and generation updated with
 * conditional writes (If-Match / If-None-Match), so concurrent instances count every call once.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 */
import { randomUUID } from 'node:crypto';
import { PreconditionFailedError } from '../shared/errors';
import type { ObjectStore } from '../shared/ports';
import type { RuntimeFaults, StoredFaults } from './runtime-faults';

export interface FaultStore {
  read(): Promise<StoredFaults | undefined>;
  /** Stores the faults (or clears them with `undefined`) under a new generation. */
  write(faults: RuntimeFaults | undefined): Promise<StoredFaults>;
  /** This call's number (1, 2, …) for `id` within `generation`. */
  countCall(generation: string, id: string): Promise<number>;
}

/** Generation of call counts when no document was ever written. */
export const INITIAL_GENERATION = 'initial';
const MAX_RACES = 20;

export class ObjectFaultStore implements FaultStore {
  constructor(
    private readonly objects: ObjectStore,
    private readonly prefix = 'mock-partner/',
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(): Promise<StoredFaults | undefined> {
    const object = await this.objects.get(`${this.prefix}faults.json`);
    return object ? (JSON.parse(object.body) as StoredFaults) : undefined;
  }

  async write(faults: RuntimeFaults | undefined): Promise<StoredFaults> {
    const stored: StoredFaults = {
      ...(faults ? { faults } : {}),
      generation: randomUUID(),
      updatedAt: this.now().toISOString(),
    };
    await this.objects.put(`${this.prefix}faults.json`, JSON.stringify(stored));
    return stored;
  }

  async countCall(generation: string, id: string): Promise<number> {
    const key = `${this.prefix}calls/${generation}/${encodeURIComponent(id)}.json`;
    for (let race = 0; race < MAX_RACES; race++) {
      const current = await this.objects.get(key);
      const count = current ? (JSON.parse(current.body) as { count: number }).count + 1 : 1;
      try {
        await this.objects.put(
          key,
          JSON.stringify({ count }),
          current ? { ifMatch: current.etag } : { ifNoneMatch: '*' },
        );
        return count;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
    throw new Error(`Could not count a call for ${id}: ${MAX_RACES} concurrent writers in a row`);
  }
}

/** In one process (tests, `server.ts`): the same behaviour without S3. */
export class MemoryFaultStore implements FaultStore {
  private stored?: StoredFaults;
  private readonly counts = new Map<string, number>();

  async read(): Promise<StoredFaults | undefined> {
    return this.stored;
  }

  async write(faults: RuntimeFaults | undefined): Promise<StoredFaults> {
    this.stored = {
      ...(faults ? { faults } : {}),
      generation: randomUUID(),
      updatedAt: new Date().toISOString(),
    };
    return this.stored;
  }

  async countCall(generation: string, id: string): Promise<number> {
    const key = `${generation}/${id}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count;
  }
}
