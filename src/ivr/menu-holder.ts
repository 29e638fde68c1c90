import type { IvrDefinition } from './types.js';

/** The menu new calls take, with the version it came from (0: config/ivr.json, no stored version yet). */
export interface IvrMenuSnapshot {
  readonly version: number;
  readonly definition: IvrDefinition;
}

export interface IvrMenuSource {
  /** Read once per call, at StasisStart: the call keeps that snapshot until it leaves the IVR. */
  current(): IvrMenuSnapshot;
}

/**
 * The current menu as one reference that is swapped whole: a call holds the snapshot it read at StasisStart, so
 * an apply changes what the next call takes and nothing of a call already in the menu.
 */
export class IvrMenuHolder implements IvrMenuSource {
  private snapshot: IvrMenuSnapshot;
  private readonly listeners = new Set<(snapshot: IvrMenuSnapshot) => void>();

  constructor(definition: IvrDefinition, version = 0) {
    this.snapshot = freeze({ version, definition });
  }

  current(): IvrMenuSnapshot {
    return this.snapshot;
  }

  /** One assignment: a StasisStart on either side of it gets one whole menu, never a mix. */
  swap(definition: IvrDefinition, version: number): IvrMenuSnapshot {
    this.snapshot = freeze({ version, definition });
    for (const listener of this.listeners) listener(this.snapshot);
    return this.snapshot;
  }

  onSwap(listener: (snapshot: IvrMenuSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A fixed definition (tests, tools) or a holder: what CallRegistry takes. */
export function menuSourceOf(ivr: IvrDefinition | IvrMenuSource): IvrMenuSource {
  if ('current' in ivr && typeof ivr.current === 'function') return ivr;
  const fixed = freeze({ version: 0, definition: ivr as IvrDefinition });
  return { current: () => fixed };
}

function freeze(snapshot: IvrMenuSnapshot): IvrMenuSnapshot {
  return Object.freeze({ ...snapshot });
}
