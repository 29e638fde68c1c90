import type { CatalogueQueue, CatalogueSource } from '../../requests/catalogue/catalogue.js';
import type { BoardEntries, JsonValue, StreamName } from '../../realtime/protocol.js';
import type { StreamHub } from '../../realtime/stream-hub.js';
import type { KnexQueueStore, QueueRecord } from './queue-store.js';

/** Every signed-in screen may follow it: the queues' labels and order, as the boards and the desk name queues. */
export const SITE_STREAM: StreamName = 'site';

const asCatalogue = (queues: readonly QueueRecord[]): CatalogueQueue[] => queues.map((queue, index) => ({ name: queue.name, label: { ...queue.label }, order: index + 1 }));

/** The catalogue with its `queues` from the queues table (labels an admin changed), everything else as `source` has it. */
export function catalogueWithStoredQueues(source: CatalogueSource, store: KnexQueueStore): CatalogueSource {
  return {
    catalogue: async () => ({ ...(await source.catalogue()), queues: asCatalogue(await store.list()) }),
    index: () => source.index(),
  };
}

/**
 * The `site` stream (entry `queues`: the catalogue's queue list): screens already open get a label or order an admin
 * changed at once, with the snapshot-and-sequence recovery of every stream; config/site.json is only the first seed.
 */
export class QueueLabelStream {
  constructor(
    private readonly hub: Pick<StreamHub, 'onOpen' | 'replace'>,
    private readonly store: KnexQueueStore,
  ) {}

  start(): void {
    this.hub.onOpen('site', () => this.hub.replace(SITE_STREAM, this.entries(this.store.listed())));
  }

  /** After a change: re-reads the table and publishes the new list. */
  async changed(): Promise<void> {
    this.hub.replace(SITE_STREAM, this.entries(await this.store.list()));
  }

  private entries(queues: readonly QueueRecord[]): BoardEntries {
    return { queues: asCatalogue(queues) as unknown as JsonValue };
  }
}
