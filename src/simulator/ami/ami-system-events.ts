import type { AmiMessage } from './ami-message.js';

/** `2026-11-28T18:02:49.299+0000`, the EventTV/SessionTV format of Asterisk's security events. */
export function formatEventTv(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/** `1795888720.324986`: epoch seconds with microseconds, as in `Timestamp:` and Ping replies. */
export function formatAmiTimestamp(epochMs: number): string {
  const micros = Math.floor(epochMs * 1000);
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

/**
 * Two shapes, both real: at Login on a booted Asterisk the event is written straight to the session
 * (Uptime, LastReload, Status; never a Timestamp); when boot completes it is broadcast
 * (Status, Uptime, LastReload), and the broadcast path adds a Timestamp.
 */
export function fullyBooted(uptimeS: number, lastReloadS: number, form: 'login' | 'boot' = 'login'): AmiMessage {
  const head: AmiMessage = [
    ['Event', 'FullyBooted'],
    ['Privilege', 'system,all'],
  ];
  if (form === 'boot') {
    return [...head, ['Status', 'Fully Booted'], ['Uptime', String(uptimeS)], ['LastReload', String(lastReloadS)]];
  }
  return [...head, ['Uptime', String(uptimeS)], ['LastReload', String(lastReloadS)], ['Status', 'Fully Booted']];
}

export function shutdown(restart: boolean): AmiMessage {
  return [
    ['Event', 'Shutdown'],
    ['Privilege', 'system,all'],
    ['Shutdown', 'Cleanly'],
    ['Restart', restart ? 'True' : 'False'],
  ];
}

export interface SecuritySessionInfo {
  accountId: string;
  /** Asterisk prints the session's pointer, e.g. `0x7f0e54002c40`. */
  sessionId: string;
  /** `IPV4/TCP/127.0.0.1/5038` */
  localAddress: string;
  remoteAddress: string;
  /** When the session authenticated; undefined before (Asterisk then writes the epoch). */
  sessionStartMs?: number;
}

const securityHead = (event: string, eventTvMs: number, severity: string, version: number): AmiMessage => [
  ['Event', event],
  ['Privilege', 'security,all'],
  ['EventTV', formatEventTv(eventTvMs)],
  ['Severity', severity],
  ['Service', 'AMI'],
  ['EventVersion', String(version)],
];

export function successfulAuth(session: SecuritySessionInfo, eventTvMs: number): AmiMessage {
  return [
    ...securityHead('SuccessfulAuth', eventTvMs, 'Informational', 1),
    ['AccountID', session.accountId],
    ['SessionID', session.sessionId],
    ['LocalAddress', session.localAddress],
    ['RemoteAddress', session.remoteAddress],
    ['UsingPassword', '0'],
    ['SessionTV', formatEventTv(session.sessionStartMs ?? eventTvMs)],
  ];
}

export function invalidPassword(session: SecuritySessionInfo, eventTvMs: number): AmiMessage {
  return [
    ...securityHead('InvalidPassword', eventTvMs, 'Error', 2),
    ['AccountID', session.accountId],
    ['SessionID', session.sessionId],
    ['LocalAddress', session.localAddress],
    ['RemoteAddress', session.remoteAddress],
    ['SessionTV', formatEventTv(session.sessionStartMs ?? 0)],
  ];
}

export function requestBadFormat(session: SecuritySessionInfo, action: string, eventTvMs: number): AmiMessage {
  return [
    ...securityHead('RequestBadFormat', eventTvMs, 'Error', 1),
    ['SessionID', session.sessionId],
    ['LocalAddress', session.localAddress],
    ['RemoteAddress', session.remoteAddress],
    ['RequestType', `Action: ${action}`],
    ['SessionTV', formatEventTv(session.sessionStartMs ?? 0)],
    ['AccountID', session.accountId],
  ];
}
