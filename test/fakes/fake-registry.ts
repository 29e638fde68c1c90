import { readFileSync } from 'node:fs';
import { CallRegistry, type CallRegistryOptions } from '../../src/calls/call-registry.js';
import { parseIvrDefinition } from '../../src/ivr/definition.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { FakeCallControl } from './fake-call-control.js';
import { FakeCallTickets } from './fake-call-tickets.js';

/** The shipped menus with short timeouts, so unit tests of the call session run in milliseconds. */
export const fastIvr = { ...parseIvrDefinition(JSON.parse(readFileSync('config/ivr.json', 'utf8'))), firstDigitTimeoutMs: 30, interDigitTimeoutMs: 20, ticketWaitMs: 15 };

/** A CallRegistry on fake call control and fake tickets; `overrides` replace any option (the IVR, a clock, phone services). */
export function fakeRegistry(overrides: Partial<CallRegistryOptions> = {}): { control: FakeCallControl; tickets: FakeCallTickets; registry: CallRegistry } {
  const control = new FakeCallControl();
  const tickets = new FakeCallTickets();
  const registry = new CallRegistry({
    control,
    tickets,
    ivr: fastIvr,
    queueContext: 'alo153-queues',
    fallback: { queue: 'alo153-genel', category: 'genel' },
    logger: createTestLogger(),
    adoptGraceMs: 1,
    ...overrides,
  });
  return { control, tickets, registry };
}
