import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { RequestActor } from '../../requests/lifecycle.js';
import type { TicketView } from '../../requests/ticket-store-type.js';
import { toDbTime } from '../../storage/time.js';
import type { ChannelIntake, ChannelSubmission } from '../intake.js';
import type { Open311RequestParams } from './request-params.js';

export const OPEN311_ACTOR: RequestActor = { kind: 'system', name: 'open311' };

export interface Open311Taken {
  ticket: TicketView;
  token: string;
  /** False when this was a repeat of an earlier request: its ticket, nothing new written. */
  created: boolean;
}

const hash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 40);

/** What makes two requests "the same" without an Idempotency-Key: every field the client sent, in a fixed order. */
function contentOf(rest: Open311RequestParams): string {
  const attributes = Object.entries(rest.attributes).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([
    rest.serviceCode, rest.lat, rest.long, rest.addressString, rest.addressId, rest.email, rest.deviceId, rest.accountId,
    rest.firstName, rest.lastName, rest.phone, rest.description, rest.mediaUrl, attributes,
  ]);
}

export interface Open311IntakeOptions {
  db: Knex;
  intake: ChannelIntake;
  /** Same content from the same key within this many seconds is one request. */
  duplicateWindowS: number;
  now?: () => Date;
}

/**
 * Turns a GeoReport POST into a ticket through ChannelIntake (source open311, actor system:open311), once:
 * - with an Idempotency-Key header, the key (per API key) is the submission key, forever;
 * - without one, a hash of the content per API key and time bucket: a repeat within the window, even one
 *   that falls into the next bucket, finds the first ticket (the previous bucket is looked up as well).
 * The spec's token and the client's extra fields are written after the ticket; a crash between the two is
 * healed by the client's retry, which finds the ticket by its submission key and writes the row then.
 */
export class Open311Intake {
  private readonly now: () => Date;

  constructor(private readonly options: Open311IntakeOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async take(params: Open311RequestParams, keyId: number, idempotencyKey: string | undefined): Promise<Open311Taken> {
    const now = this.now();
    const submissionKey = await this.submissionKey(params, keyId, idempotencyKey, now);
    const submission: ChannelSubmission = {
      source: 'open311',
      submissionKey,
      categoryCode: params.serviceCode,
      description: params.description ?? '',
      district: params.attributes.district ?? null,
      neighbourhood: params.attributes.neighbourhood ?? null,
      address: params.addressString ?? (params.addressId ? `Adres no: ${params.addressId}` : null),
      callerName: [params.firstName, params.lastName].filter((part) => part !== undefined).join(' ') || null,
      callerNumber: params.phone ?? null,
      email: params.email ?? null,
      latitude: params.lat ?? null,
      longitude: params.long ?? null,
    };
    const { ticket, created } = await this.options.intake.submit(submission, OPEN311_ACTOR);
    const token = await this.tokenFor(ticket, params, keyId, now);
    return { ticket, token, created };
  }

  private async submissionKey(params: Open311RequestParams, keyId: number, idempotencyKey: string | undefined, now: Date): Promise<string> {
    if (idempotencyKey !== undefined) return `open311:${keyId}:h:${hash(idempotencyKey)}`;
    const windowMs = this.options.duplicateWindowS * 1000;
    const bucket = Math.floor(now.getTime() / windowMs);
    const content = hash(contentOf(params));
    const previous = `open311:${keyId}:c:${content}:${bucket - 1}`;
    const earlier = (await this.options.db('tickets')
      .where({ submission_key: previous })
      .where('created_at', '>=', toDbTime(new Date(now.getTime() - windowMs)))
      .first('id')) as { id: number } | undefined;
    return earlier ? previous : `open311:${keyId}:c:${content}:${bucket}`;
  }

  private async tokenFor(ticket: TicketView, params: Open311RequestParams, keyId: number, now: Date): Promise<string> {
    await this.options.db('open311_requests')
      .insert({
        ticket_id: ticket.id,
        token: randomBytes(16).toString('hex'),
        key_id: keyId,
        service_code: params.serviceCode,
        address_id: params.addressId ?? null,
        media_url: params.mediaUrl ?? null,
        device_id: params.deviceId ?? null,
        account_id: params.accountId ?? null,
        created_at: toDbTime(now),
      })
      .onConflict('ticket_id')
      .ignore();
    const row = (await this.options.db('open311_requests').where({ ticket_id: ticket.id }).first('token')) as { token: string } | undefined;
    if (!row) throw new Error(`no Open311 row for ticket ${ticket.number}`);
    return row.token;
  }
}
