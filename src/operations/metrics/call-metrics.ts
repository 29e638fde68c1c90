import { Counter, Histogram, type Registry } from 'prom-client';
import type { CallTicketWriter } from '../../calls/call-ports.js';
import type { QueueOutcome, QueueOutcomeRecorder } from '../../calls/queue-outcomes.js';
import type { CallEndOutcome } from '../../requests/ticket-store-type.js';

/** Seconds: a group commit takes a few ms; retries while the database is away take up to ticketRetryMaxDelayMs each. */
const WRITE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 120];

type Outcome = CallEndOutcome | 'answered' | 'abandoned-in-queue';
const OUTCOMES: readonly Outcome[] = ['handed-to-queue', 'abandoned-in-ivr', 'failed', 'answered', 'abandoned-in-queue'];
type Write = 'openCallTicket' | 'recordHandOff' | 'recordCallEnd';

/**
 * Calls by outcome and the call path's ticket write latency, taken where the call path already hands things on
 * (the session's ticket writer, the queue monitor's outcome recorder): wrappers, so the session and the monitor
 * stay as they are.
 */
export class CallMetrics {
  private readonly outcomes: Record<Outcome, Counter.Internal>;
  private readonly writes: Record<Write, Histogram.Internal<'write'>>;

  constructor(registry: Registry) {
    const outcomes = new Counter({
      name: 'alo153_calls_total',
      help: 'Calls by outcome: how they left the IVR (handed-to-queue, abandoned-in-ivr, failed), then what app_queue made of them (answered, abandoned-in-queue)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    const writes = new Histogram({
      name: 'alo153_ticket_write_duration_seconds',
      help: "A call's ticket write from accepted (durable in the outbox) to stored in the database, retries included",
      labelNames: ['write'] as const,
      buckets: WRITE_BUCKETS,
      registers: [registry],
    });
    // Every value present from the start (0), so a rate() has a series before the first such call.
    this.outcomes = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, outcomes.labels({ outcome })])) as Record<Outcome, Counter.Internal>;
    const write = (name: Write) => writes.labels({ write: name });
    this.writes = { openCallTicket: write('openCallTicket'), recordHandOff: write('recordHandOff'), recordCallEnd: write('recordCallEnd') };
  }

  /** The writer the call sessions get: counts how each call left the IVR and times each write until it landed. */
  tickets(inner: CallTicketWriter): CallTicketWriter {
    return {
      openCallTicket: (input) => this.timed('openCallTicket', inner.openCallTicket(input)),
      recordHandOff: (channelId, handOff) => this.timed('recordHandOff', inner.recordHandOff(channelId, handOff)),
      recordCallEnd: (channelId, end) => {
        this.outcomes[end.outcome]?.inc();
        return this.timed('recordCallEnd', inner.recordCallEnd(channelId, end));
      },
    };
  }

  /** The queue monitor's recorder: an answer or an abandonment in the queue, counted once AMI's event matched one of our calls. */
  queueOutcomes(inner: QueueOutcomeRecorder): QueueOutcomeRecorder {
    return {
      recordQueueOutcome: async (channelId, outcome: QueueOutcome) => {
        const ours = await inner.recordQueueOutcome(channelId, outcome);
        if (ours && outcome.kind === 'agent-answered') this.outcomes.answered.inc();
        if (ours && outcome.kind === 'abandoned-in-queue') this.outcomes['abandoned-in-queue'].inc();
        return ours;
      },
    };
  }

  /**
   * Until the write's promise settled (TicketService's never reject). An open given up (undefined: shutdown, a
   * permanent error) is not observed; the hand-off's and the end's promises do not tell landed from given up.
   */
  private timed<T>(write: Write, result: Promise<T>): Promise<T>;
  private timed<T>(write: Write, result: T | Promise<T>): T | Promise<T>;
  private timed<T>(write: Write, result: T | Promise<T>): T | Promise<T> {
    if (!(result instanceof Promise)) return result;
    const started = performance.now();
    const histogram = this.writes[write];
    void result.then((value) => {
      if (value !== undefined || write !== 'openCallTicket') histogram.observe((performance.now() - started) / 1000);
    });
    return result;
  }
}
