/**
 * The returning caller: the lookup of their open ticket runs during the welcome (never holding it up). Found
 * before the welcome ends, the offer follows it — "Açık bir başvurunuz var: durumunu öğrenmek için 1, yeni bir
 * talep için 2" — instead of the main menu; found later, or not at all, the caller goes on to the main menu.
 */
import { bargeIn, consentToSurvey, enterMenu } from './menu-flow.js';
import { statusSpeech } from './status-entry.js';
import type { Turn } from './turn.js';
import type { ReturningTicket } from './types.js';

/** The pseudo-menu the returning caller's offer is recorded under (`returning:returning-choice`). */
export const RETURNING_STEP = 'returning';

/** The offer itself: after the welcome when the ticket was known at once, or queued behind the welcome playing. */
export function offerReturning(turn: Turn, ticket: ReturningTicket): void {
  turn.update({ phase: 'returning', returning: ticket, upcoming: [{ prompts: [turn.def.returning.prompt], bargeIn: true }] });
  turn.record({ menu: RETURNING_STEP, event: 'enter', target: ticket.status });
}

/** The lookup answered: it counts only while the welcome still plays. */
export function onReturningFound(turn: Turn, ticket: ReturningTicket | null): void {
  if (turn.state.phase !== 'welcome' || ticket === null) return;
  offerReturning(turn, ticket);
}

/** The welcome ended with no open ticket found (yet): the main menu (entered with the welcome), and a later answer is ignored. */
export function onWelcomeFinished(turn: Turn): void {
  enterMenu(turn, turn.def.start, [], false);
}

/**
 * A digit during the welcome is a main-menu choice, as it is without the lookup: the caller is in the main menu
 * (recorded with the welcome) without hearing it (nor its announcements: they chose not to listen), and the digit
 * is then taken there.
 */
export function leaveWelcomeForMenu(turn: Turn): void {
  const start = turn.def.start;
  turn.update({
    phase: 'menu',
    menu: start,
    buffer: '',
    retries: 0,
    upcoming: [],
    announcedScopes: [...turn.state.announcedScopes, 'all', start],
  });
}

/** The offer: its status key hears the status, anything else (or nothing) goes on to the main menu. */
export function onReturningDigit(turn: Turn, digit: string): void {
  if (!bargeIn(turn)) return;
  const { returning, survey, start } = turn.def;
  if (digit === survey.key) return consentToSurvey(turn, RETURNING_STEP, returning.prompt);
  turn.cancelTimer();
  const ticket = turn.state.returning;
  if (digit === returning.statusKey && ticket !== null) {
    turn.record({ menu: RETURNING_STEP, event: 'returning-choice', digits: digit, target: 'status' });
    return enterMenu(turn, start, statusSpeech(turn.def, ticket.status, ticket.dueAt));
  }
  turn.record({ menu: RETURNING_STEP, event: 'returning-choice', digits: digit, target: 'menu' });
  enterMenu(turn, start, []);
}

export function onReturningTimeout(turn: Turn): void {
  turn.update({ timer: null });
  turn.record({ menu: RETURNING_STEP, event: 'returning-choice', target: 'menu' });
  enterMenu(turn, turn.def.start, []);
}
