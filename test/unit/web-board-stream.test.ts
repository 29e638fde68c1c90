import { expect } from 'chai';
import { shippedSiteData } from '../../src/config/site.js';
import { siteCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { setSiteData } from '../../src/web/assets/site-data.js';
import { BoardStream } from '../../src/web/assets/board-stream.js';
import { formatDate, formatDuration, formatPercent, formatTime, istanbulHour, queueLabel, agentStateLabel, t } from '../../src/web/assets/i18n.js';
import { safeNextPath, retryAfterSeconds } from '../../src/web/assets/login.js';
import type { BoardDeltaMessage, BoardEntries, BoardSnapshotMessage, QueueTile } from '../../src/realtime/protocol.js';

function tile(name: string, waiting: number): QueueTile {
  return {
    name,
    waiting,
    longestWaitSince: null,
    offered: 0,
    answered: 0,
    abandoned: 0,
    lost: 0,
    serviceLevel: null,
    asaMs: null,
    ahtMs: null,
    abandonmentRate: null,
    agents: { loggedIn: 0, ready: 0, ringing: 0, onCall: 0, wrapUp: 0, paused: 0, unavailable: 0 },
  };
}

function snapshot(seq: number, entries: BoardEntries, at = 0): BoardSnapshotMessage {
  return { stream: 'supervisors', seq, at, entries };
}

function delta(seq: number, set: BoardEntries = {}, remove: string[] = [], at = 0): BoardDeltaMessage {
  return { stream: 'supervisors', seq, at, set, remove };
}

describe('wallboard BoardStream', () => {
  let localClock = 1_000_000;
  const stream = () => new BoardStream('supervisors', { now: () => localClock });

  it('refuses deltas until the first snapshot arrives', () => {
    const board = stream();
    expect(board.applyDelta(delta(1, { total: tile('*', 1) }))).to.equal('waiting-for-snapshot');
    expect(board.entries).to.deep.equal({});
  });

  it('replaces every entry and takes the sequence number from a snapshot', () => {
    const board = stream();
    board.applySnapshot(snapshot(4, { total: tile('*', 1), 'queue:alo153-genel': tile('alo153-genel', 1) }));
    board.applySnapshot(snapshot(9, { total: tile('*', 3) }));
    expect(board.seq).to.equal(9);
    expect(Object.keys(board.entries)).to.deep.equal(['total']);
    expect((board.entries.total as QueueTile).waiting).to.equal(3);
  });

  it('applies the next delta: sets replace whole entries and removes delete them', () => {
    const board = stream();
    board.applySnapshot(snapshot(4, { total: tile('*', 1), 'queue:alo153-genel': tile('alo153-genel', 1) }));
    expect(board.applyDelta(delta(5, { total: tile('*', 2), 'queue:alo153-cevre': tile('alo153-cevre', 2) }, ['queue:alo153-genel']))).to.equal('applied');
    expect(board.seq).to.equal(5);
    expect(Object.keys(board.entries).sort()).to.deep.equal(['queue:alo153-cevre', 'total']);
    expect((board.entries.total as QueueTile).waiting).to.equal(2);
  });

  it('leaves the snapshot message it was given untouched', () => {
    const board = stream();
    const message = snapshot(1, { total: tile('*', 1) });
    board.applySnapshot(message);
    board.applyDelta(delta(2, {}, ['total']));
    expect(message.entries).to.have.property('total');
  });

  it('ignores a delta it already has (stale) without changing anything', () => {
    const board = stream();
    board.applySnapshot(snapshot(7, { total: tile('*', 1) }));
    expect(board.applyDelta(delta(7, { total: tile('*', 50) }))).to.equal('stale');
    expect(board.applyDelta(delta(3, {}, ['total']))).to.equal('stale');
    expect(board.seq).to.equal(7);
    expect((board.entries.total as QueueTile).waiting).to.equal(1);
  });

  it('reports a gap once, then refuses every delta until a fresh snapshot', () => {
    const board = stream();
    board.applySnapshot(snapshot(10, { total: tile('*', 1) }));
    expect(board.applyDelta(delta(12, { total: tile('*', 2) }))).to.equal('gap');
    expect(board.applyDelta(delta(11, { total: tile('*', 3) }))).to.equal('waiting-for-snapshot');
    expect(board.applyDelta(delta(13, { total: tile('*', 4) }))).to.equal('waiting-for-snapshot');
    expect(board.seq).to.equal(10);
    expect((board.entries.total as QueueTile).waiting).to.equal(1);

    board.applySnapshot(snapshot(13, { total: tile('*', 5) }));
    expect(board.applyDelta(delta(14, { total: tile('*', 6) }))).to.equal('applied');
    expect((board.entries.total as QueueTile).waiting).to.equal(6);
  });

  it('keeps the server clock offset from every message, ignored ones included', () => {
    const board = stream();
    localClock = 1_000_000;
    board.applySnapshot(snapshot(1, {}, 1_005_000));
    expect(board.serverNow()).to.equal(1_005_000);
    localClock += 2_000;
    expect(board.serverNow()).to.equal(1_007_000);
    board.applyDelta(delta(1, {}, [], 990_000));
    expect(board.clockOffsetMs).to.equal(990_000 - 1_002_000);
    expect(board.serverNow()).to.equal(990_000);
  });

  it('refuses a message meant for another stream', () => {
    const board = stream();
    expect(() => board.applySnapshot({ stream: 'queue:alo153-genel', seq: 1, at: 0, entries: {} })).to.throw(/queue:alo153-genel/);
  });
});

describe('wallboard formatting', () => {
  it('shows durations as mm:ss, with hours once past an hour', () => {
    expect(formatDuration(0)).to.equal('00:00');
    expect(formatDuration(59_999)).to.equal('00:59');
    expect(formatDuration(65_000)).to.equal('01:05');
    expect(formatDuration(3_725_000)).to.equal('1:02:05');
    expect(formatDuration(-4_000)).to.equal('00:00');
    expect(formatDuration(null)).to.equal('—');
  });

  it('shows percentages the Turkish and the English way, and a dash when undefined', () => {
    expect(formatPercent(0.853, 'tr')).to.equal('%85');
    expect(formatPercent(0.853, 'en')).to.equal('85%');
    expect(formatPercent(1, 'tr')).to.equal('%100');
    expect(formatPercent(null, 'tr')).to.equal('—');
  });

  it('shows times on the Istanbul clock: 21:00 UTC is already midnight of the next day', () => {
    const lastSecond = Date.UTC(2024, 0, 1, 20, 59, 59);
    const midnight = Date.UTC(2024, 0, 1, 21, 0, 0);
    expect(formatTime(lastSecond, 'tr')).to.equal('23:59:59');
    expect(formatTime(midnight, 'tr')).to.equal('00:00:00');
    expect(formatTime(midnight, 'en')).to.equal('00:00:00');
    expect(istanbulHour(midnight)).to.equal(0);
    expect(formatDate(lastSecond, 'tr')).to.match(/^1 Ocak 2024/);
    expect(formatDate(midnight, 'tr')).to.match(/^2 Ocak 2024/);
    expect(formatDate(midnight, 'en')).to.include('2 January 2024');
  });

  it('names queues and agent states in both languages, unknown queues as the PBX calls them', () => {
    // Labels are site data: the screens get them from GET /api/catalogue, built from config/site.json.
    setSiteData(siteCatalogue(shippedSiteData()));
    expect(queueLabel('alo153-cevre', 'tr')).to.equal('Çevre ve Temizlik');
    expect(queueLabel('alo153-cevre', 'en')).to.equal('Environment');
    expect(queueLabel('alo153-yeni<b>', 'tr')).to.equal('alo153-yeni<b>');
    expect(agentStateLabel('wrap-up', 'tr')).to.equal('Çağrı sonrası');
    expect(agentStateLabel('paused', 'en')).to.equal('Paused');
  });

  it('fills message parameters', () => {
    expect(t('login.error.tooMany', { seconds: 42 }, 'tr')).to.equal('Çok fazla başarısız deneme. 42 saniye sonra tekrar deneyin.');
  });
});

describe('sign-in redirect target', () => {
  const origin = 'https://alo153.kayseri.example';

  it('keeps a path on this site', () => {
    expect(safeNextPath('/wallboard?lang=en', origin)).to.equal('/wallboard?lang=en');
  });

  it('rejects anything that could leave the site', () => {
    for (const next of ['//evil.example/x', '/\\evil.example', '/\t/evil.example', 'https://evil.example', 'wallboard', null]) {
      expect(safeNextPath(next, origin), String(next)).to.equal(null);
    }
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterSeconds('42')).to.equal(42);
    expect(retryAfterSeconds(new Date(10_000).toUTCString(), 0)).to.equal(10);
    expect(retryAfterSeconds(null)).to.equal(null);
  });
});
