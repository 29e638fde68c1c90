import { countingWindow, type Shift } from '../queues/istanbul-time.js';
import type { JsonValue } from '../realtime/protocol.js';
import type { StreamHub } from '../realtime/stream-hub.js';
import type { Logger } from '../logging/logger.js';
import type { KnexSurveyStore, SurveyFigures } from './survey-store.js';

export const SURVEY_STREAM = 'survey';

/**
 * The wallboard's survey averages (`survey` stream, entry `figures`): per agent and per queue, over the board's
 * counting window (the shift, else the Istanbul day). Recomputed from the calls table after each score and once a
 * minute (the window rolls over by the clock); a few aggregate SELECTs on an index of survey_at.
 */
export class SurveyStream {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly hub: StreamHub,
    private readonly store: Pick<KnexSurveyStore, 'figures'>,
    private readonly shifts: readonly Shift[],
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    hub.onOpen(SURVEY_STREAM, () => {
      void this.refresh();
    });
  }

  start(tickMs = 60_000): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), tickMs);
    this.timer.unref();
  }

  /** Coalesced: a burst of scores is one recomputation after the one running. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const running = this.compute()
      .catch((error: unknown) => {
        this.logger.warn('survey figures not computed', { error: (error as Error).message });
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.refresh();
        }
      });
    this.running = running;
    return running;
  }

  private async compute(): Promise<void> {
    const window = countingWindow(this.now(), this.shifts);
    const figures: SurveyFigures = await this.store.figures(new Date(window.from), new Date(window.to));
    this.hub.replace(SURVEY_STREAM, {
      figures: { from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), shift: window.shift, ...figures } as unknown as JsonValue,
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
