import type { DeadlineSpec } from '../../config/schema.js';
import type { WorkCalendar } from './work-calendar.js';

export interface DeadlineRules {
  default: DeadlineSpec;
  bySource: Readonly<Record<string, DeadlineSpec>>;
  byCategory: Readonly<Record<string, DeadlineSpec>>;
  departmentAck: DeadlineSpec;
}

/** What a request's deadline depends on. */
export interface DeadlineSubject {
  source: string;
  categoryCode: string | null;
  /** When the clock started: the application date for CİMER/Açık Kapı, else when the ticket was opened. */
  startedAt: Date;
}

/** Deadlines from config: per source and per category, the stricter wins; the department's acknowledgement apart. */
export class Deadlines {
  constructor(
    private readonly rules: DeadlineRules,
    private readonly calendar: WorkCalendar,
    /** The share of a deadline after which an item is due soon (0.75). */
    readonly dueSoonRatio: number,
  ) {}

  /** The answer's deadline: the earliest of the source's rule, the category's rule, else the default. */
  dueAt(subject: DeadlineSubject): Date {
    const specific = [this.rules.bySource[subject.source], subject.categoryCode ? this.rules.byCategory[subject.categoryCode] : undefined].filter(
      (spec): spec is DeadlineSpec => spec !== undefined,
    );
    const specs = specific.length > 0 ? specific : [this.rules.default];
    const start = subject.startedAt.getTime();
    return new Date(Math.min(...specs.map((spec) => this.add(start, spec))));
  }

  /** When a department must have accepted an item forwarded at `forwardedAt`. */
  ackDueAt(forwardedAt: Date): Date {
    return new Date(this.add(forwardedAt.getTime(), this.rules.departmentAck));
  }

  /** The moment `dueSoonRatio` of the span from `startedAt` to `dueAt` has passed. */
  dueSoonAt(startedAt: Date, dueAt: Date): Date {
    return new Date(startedAt.getTime() + Math.round((dueAt.getTime() - startedAt.getTime()) * this.dueSoonRatio));
  }

  private add(start: number, spec: DeadlineSpec): number {
    if ('hours' in spec) return start + spec.hours * 3_600_000;
    if ('days' in spec) return start + spec.days * 86_400_000;
    return this.calendar.addWorkingDays(start, spec.workingDays);
  }
}
