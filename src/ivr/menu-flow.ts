/**
 * Entering a menu (with the live announcements of its scope first), the playbacks queued behind a prompt, the
 * announcements' outcomes and the survey consent key: the parts of a step every phase shares.
 */
import type { AnnouncementOutcome } from './announcements.js';
import { menuNamed, type Turn } from './turn.js';
import type { PromptName, UpcomingPlayback } from './types.js';

/** Plays one queued playback; an announcement playback starts the watch that decides its outcome. */
export function playUpcoming(turn: Turn, item: UpcomingPlayback): void {
  const id = turn.play(item.prompts, item.bargeIn);
  if (item.announcementIds) turn.update({ announcementWatch: { ids: item.announcementIds, playback: id, endedAt: null } });
}

/**
 * The caller acted (a digit) or the IVR moved on (the transfer) after an announcement: `continued`; a hang-up
 * during it or within the window after it: `served`.
 */
export function settleAnnouncements(turn: Turn, how: 'acted' | 'hangup'): void {
  const watch = turn.state.announcementWatch;
  if (watch === null) return;
  let outcome: AnnouncementOutcome = 'continued';
  if (how === 'hangup') {
    const sinceEnd = watch.endedAt === null ? 0 : Date.parse(turn.at) - Date.parse(watch.endedAt);
    outcome = sinceEnd <= turn.def.announcementServedWindowMs ? 'served' : 'continued';
  }
  turn.update({ announcementWatch: null });
  for (const announcementId of watch.ids) {
    turn.record({ menu: turn.state.menu, event: 'announcement', target: `${announcementId}:${outcome}` });
    turn.commands.push({ type: 'announcementOutcome', announcementId, outcome });
  }
}

/** The announcements not yet played in this call that belong before `menu` (`all` before the start menu). */
function announcementsFor(turn: Turn, menu: string): { prompts: PromptName[]; ids: number[] } {
  const scopes = (menu === turn.def.start ? ['all', menu] : [menu]).filter((scope) => !turn.state.announcedScopes.includes(scope));
  turn.update({ announcedScopes: [...turn.state.announcedScopes, ...scopes] });
  const due = turn.state.announcements.filter((announcement) => scopes.includes(announcement.scope));
  return { prompts: due.map((announcement) => announcement.prompt), ids: due.map((announcement) => announcement.id) };
}

/**
 * Enters a menu: `leadIn` (the welcome, a status answer …), the scope's announcements, then the menu prompt. Without
 * announcements lead and prompt are one playback; with them the announcement is a playback of its own, so its end
 * (for the served window) is known. A digit during any of them is menu input. Every menu starts with a fresh retry
 * count: a caller who found the right sub-menu is not penalised for earlier slips.
 */
export function enterMenu(turn: Turn, name: string, leadIn: PromptName[], recordEnter = true): void {
  const menu = menuNamed(turn.def, name);
  turn.update({ phase: 'menu', menu: name, buffer: '', retries: 0, upcoming: [] });
  if (recordEnter) turn.record({ menu: name, event: 'enter' });
  const announcements = announcementsFor(turn, name);
  if (announcements.ids.length === 0) {
    turn.play([...leadIn, menu.prompt], true);
    return;
  }
  const announcementPlay: UpcomingPlayback = { prompts: announcements.prompts, bargeIn: true, announcementIds: announcements.ids };
  const menuPlay: UpcomingPlayback = { prompts: [menu.prompt], bargeIn: true };
  if (leadIn.length === 0) {
    turn.update({ upcoming: [menuPlay] });
    playUpcoming(turn, announcementPlay);
    return;
  }
  turn.update({ upcoming: [announcementPlay, menuPlay] });
  turn.play(leadIn, true);
}

/** A digit stops a bargeable playback and whatever was queued behind it. False when the playback is not bargeable. */
export function bargeIn(turn: Turn): boolean {
  const { playback } = turn.state;
  if (playback !== null) {
    if (!playback.bargeIn) return false;
    turn.stopPlayback();
  }
  if (turn.state.upcoming.length > 0) turn.update({ upcoming: [] });
  return true;
}

/**
 * The survey consent key: recorded once (the hand-off's path carries it to the after-queue survey), confirmed,
 * and the prompt the caller was in plays again. Nothing is added between the last menu digit and the queue.
 */
export function consentToSurvey(turn: Turn, where: string, prompt: PromptName): void {
  turn.cancelTimer();
  if (!turn.state.surveyConsent) {
    turn.update({ surveyConsent: true });
    turn.record({ menu: where, event: 'survey-consent', digits: turn.def.survey.key });
  }
  turn.play([turn.def.survey.confirm, prompt], true);
}
