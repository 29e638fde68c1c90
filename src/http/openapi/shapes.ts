import { z } from 'zod';
import { ROLES } from '../../auth/roles.js';
import { ticketNumber } from '../ticket-number-field.js';

/** The shapes several path files share; a route's own input schemas come from the route file itself. */

export const ticketNumberParams = z.object({ number: ticketNumber.meta({ example: '153-2026-000123' }) });

/** An answer whose fields are described in words (a TypeScript view with no zod schema behind it). */
export const anObject = (id: string, description: string) => z.object({}).loose().meta({ id, description });

export const User = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    phoneInterface: z.string().nullable(),
    department: z.string().nullable(),
    active: z.boolean(),
    tokenVersion: z.number().int(),
    createdAt: z.iso.datetime(),
    lastLoginAt: z.iso.datetime().nullable(),
    queues: z.array(z.string()).nullable().meta({ description: 'Queues joined at desk login; null: every queue of the hotline.' }),
  })
  .meta({ id: 'User' });

export const Ticket = anObject('Ticket', 'A ticket as src/requests/ticket-store-type.ts TicketView: number, status, version, source, caller, category, department, district, address, description, deadlines, timestamps.');

/** The paged lists of the staff API. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

/** The desk's state after a login, logout or break (src/agents/desk-protocol.ts DeskState). */
export const DeskState = anObject('DeskState', 'The desk state (src/agents/desk-protocol.ts): queues, paused and reason, pending AMI work, the last logout report.');

/** An announcement as the board and the page show it (src/announcements/announcement-stream.ts). */
export const Announcement = anObject('Announcement', 'An announcement (src/announcements/announcement-stream.ts announcementView): id, scope, text, validity window, state, audio.');
