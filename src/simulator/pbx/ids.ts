/** Asterisk-shaped identifiers and timestamps, so the project sees the same formats as on a real PBX. */

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** ARI writes `2026-11-28T17:53:51.673+0000` (UTC, milliseconds, no colon in the offset). */
export function ariTimestamp(date: Date = new Date()): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}` +
    `.${pad(date.getUTCMilliseconds(), 3)}+0000`
  );
}

/** One counter per PBX run: Asterisk numbers uniqueids and channel-name suffixes from the same sequence start. */
export class ChannelIdAllocator {
  private uniqueCounter = 0;
  private nameCounter = 0;

  /** `1795888883.0`: epoch seconds when the channel was created, a dot, a process-wide counter. */
  nextUniqueid(nowMs: number = Date.now()): string {
    return `${Math.floor(nowMs / 1000)}.${this.uniqueCounter++}`;
  }

  /** `PJSIP/citizen-00000000`: the suffix is an 8-digit hex counter. */
  nextName(device: string): string {
    return `${device}-${(this.nameCounter++).toString(16).padStart(8, '0')}`;
  }

  reset(): void {
    this.uniqueCounter = 0;
    this.nameCounter = 0;
  }
}
