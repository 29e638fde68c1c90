import type { Knex } from 'knex';
import { z } from 'zod';
import type { Logger } from '../../logging/logger.js';
import type { RequestActor } from '../../requests/lifecycle.js';
import type { RequestService } from '../../requests/request-service.js';
import { toDbTime } from '../../storage/time.js';

/** What the demo's synthetic staff need: the lifecycle's service and a database to look at their work. */
export interface DemoStaffDeps {
  db: Knex;
  requests: RequestService;
  logger: Logger;
  random: () => number;
  /** demo.speed: wall-clock seconds per simulated second (0.5: the demo runs twice as fast). */
  speed: number;
  now?: () => Date;
}

export interface DemoDepartmentTiming {
  acceptAfterS: number;
  answerAfterS: number;
  /** Share of accepted items answered; the rest get a question for the citizen, a few are returned. */
  answerShare: number;
}

const rowSchema = z.object({ number: z.string(), version: z.coerce.number(), department_code: z.string().nullable(), category_code: z.string().nullable(), user_id: z.coerce.number().nullable(), username: z.string().nullable() });
const deptUserSchema = z.object({ id: z.coerce.number(), username: z.string(), department_code: z.string() });

const ANSWERS = [
  'Ekibimiz adrese yönlendirildi, sorun giderildi.',
  'Hat sefer saatleri güncellendi; talebiniz değerlendirildi.',
  'Başvurunuz incelendi, ilgili yardım programına alındınız.',
  'Konteyner yerinde değiştirildi, temizlik yapıldı.',
];
const QUESTIONS = ['Tam adres ve yakındaki bir işaret nedir?', 'Olay hangi saatte oldu?'];

/**
 * The demo's people: agents who file the tickets of the calls they took (forward most to the department,
 * resolve some on the call), and department staff who accept and answer what reaches them after a while.
 * Everything goes through the request service, exactly as a person at a screen would do it.
 */
export class DemoStaff {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private readonly now: () => Date;

  constructor(
    private readonly deps: DemoStaffDeps,
    private readonly timing: DemoDepartmentTiming,
  ) {
    this.now = deps.now ?? (() => new Date());
  }

  start(everyMs = 2000): void {
    this.timer = setInterval(() => void this.tick(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round of work; exposed for tests. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.fileCalls();
      await this.departmentsWork();
    } catch (error) {
      this.deps.logger.warn('demo staff round failed', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.busy = false;
    }
  }

  /** Agents file the tickets of calls that ended with them: forward to the category's department, or resolve. */
  private async fileCalls(): Promise<void> {
    const rows: unknown[] = await this.deps.db('tickets')
      .join('calls', 'calls.ticket_id', 'tickets.id')
      .leftJoin('users', 'users.phone_interface', 'calls.agent')
      .where('tickets.status', 'open')
      .whereNotNull('tickets.category_code')
      .whereNotNull('calls.talk_s')
      .orderBy('tickets.id')
      .limit(20)
      .select('tickets.number', 'tickets.version', 'tickets.department_code', 'tickets.category_code', 'users.id as user_id', 'users.username');
    for (const row of rows.map((raw) => rowSchema.parse(raw))) {
      const actor: RequestActor = { kind: 'user', userId: row.user_id ?? 0, username: row.username ?? 'demo-ajan', role: 'agent', department: null };
      const description = `Demo: ${row.category_code} konusunda vatandaş talebi`;
      if (row.department_code === null || row.department_code === 'beyaz-masa' || this.deps.random() < 0.25) {
        await this.act(row.number, [{ name: 'edit', fields: { description } }, { name: 'resolve', text: 'Vatandaşa bilgi verildi.' }], actor, row.version);
      } else {
        await this.act(row.number, [{ name: 'edit', fields: { description } }, { name: 'forward', department: row.department_code, text: null }], actor, row.version);
      }
    }
  }

  private async departmentsWork(): Promise<void> {
    const users = (await this.deps.db('users').where({ role: 'department', active: true }).whereNotNull('department_code').select('id', 'username', 'department_code')).map((raw: unknown) =>
      deptUserSchema.parse(raw),
    );
    const byDepartment = new Map(users.map((user) => [user.department_code, user]));
    const acceptBefore = toDbTime(new Date(this.now().getTime() - this.timing.acceptAfterS * 1000 * this.deps.speed));
    const answerBefore = toDbTime(new Date(this.now().getTime() - this.timing.answerAfterS * 1000 * this.deps.speed));
    const toAccept: unknown[] = await this.deps.db('tickets').where({ status: 'forwarded' }).where('forwarded_at', '<=', acceptBefore).orderBy('id').limit(20).select('number', 'version', 'department_code');
    for (const row of toAccept.map((raw) => rowSchema.partial().parse(raw))) {
      const user = row.department_code ? byDepartment.get(row.department_code) : undefined;
      if (!user || !row.number) continue;
      await this.act(row.number, [{ name: 'accept', text: null }], departmentActor(user), row.version);
    }
    const toAnswer: unknown[] = await this.deps.db('tickets').where({ status: 'in_progress' }).where('accepted_at', '<=', answerBefore).orderBy('id').limit(20).select('number', 'version', 'department_code');
    for (const row of toAnswer.map((raw) => rowSchema.partial().parse(raw))) {
      const user = row.department_code ? byDepartment.get(row.department_code) : undefined;
      if (!user || !row.number) continue;
      const dice = this.deps.random();
      const pick = <T>(list: readonly T[]): T => list[Math.floor(this.deps.random() * list.length)] ?? (list[0] as T);
      const action =
        dice < this.timing.answerShare
          ? ({ name: 'answer', text: pick(ANSWERS) } as const)
          : dice < this.timing.answerShare + (1 - this.timing.answerShare) / 2
            ? ({ name: 'ask', text: pick(QUESTIONS) } as const)
            : ({ name: 'return', text: 'Bu konu birimimizin görev alanında değil.' } as const);
      await this.act(row.number, [action], departmentActor(user), row.version);
    }
  }

  private async act(number: string, actions: Parameters<RequestService['actAll']>[1], actor: RequestActor, version: number | undefined): Promise<void> {
    try {
      await this.deps.requests.actAll(number, actions, actor, version === undefined ? {} : { version });
    } catch (error) {
      // A person at a screen got there first: the synthetic staff simply leave that ticket.
      this.deps.logger.debug('demo staff skipped a ticket', { ticket: number, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

const departmentActor = (user: z.infer<typeof deptUserSchema>): RequestActor => ({ kind: 'user', userId: user.id, username: user.username, role: 'department', department: user.department_code });
