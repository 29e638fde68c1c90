import { expect } from 'chai';
import { startSystem, waitFor, type System } from '../support/system.js';
import { testEngine } from '../support/db.js';

/** A caller who pressed 9 (consent) then 0 (a person): the agent answers, talks 3 s and hangs up. */
const CONSENTING = [
  { afterMs: 300, digit: '9' },
  { afterMs: 300, digit: '0' },
];
const NOT_CONSENTING = [{ afterMs: 300, digit: '0' }];

describe(`post-call survey after the queue, through the simulator (${testEngine()})`, function () {
  this.timeout(30000);
  let system: System;

  beforeEach(async () => {
    // A long digit timeout: no test here waits for it, and a survey can only end by what the test does.
    system = await startSystem({ agents: 1, agentAnswerAfterMs: 500, agentTalkMs: 3000, config: { survey: { digitTimeoutMs: 60000 } } });
  });

  afterEach(async () => {
    await system.stop();
  });

  const callRow = (channelId: string) =>
    system.app.db('calls').leftJoin('tickets', 'tickets.id', 'calls.ticket_id').where('calls.channel_id', channelId).first('calls.survey_score', 'calls.survey_at', 'tickets.survey_score as ticket_score', 'tickets.number');

  async function backInStasis(channelId: string): Promise<void> {
    await waitFor(
      () => system.sim.channels().some((c) => c.id === channelId && c.inStasis && c.dialplan.exten === 'after-queue'),
      15000,
      'the caller back in Stasis(alo153,after-queue)',
    );
  }

  const progress = (channelId: string) => system.app.survey.progress(channelId);
  const waitForQuestion = (channelId: string, asked = 1) =>
    waitFor(() => progress(channelId)?.phase === 'question' && progress(channelId)?.asked === asked, 15000, `question ${asked}`);

  it('brings a consenting caller back on the same channel after the agent hangs up, reads the number, takes 4 and stores it on the call and the ticket', async () => {
    const placed = system.sim.placeCall({ callerNumber: '05321234567', script: CONSENTING });
    await backInStasis(placed.channelId);
    await waitForQuestion(placed.channelId);
    placed.sendDigit('4');
    const end = await placed.ended;
    // alo153 hung up after "Teşekkür ederiz" (DELETE /channels over ARI), not the caller.
    expect(end.cause).to.equal('app');
    await waitFor(async () => (await callRow(placed.channelId))?.survey_score != null, 5000, 'the score stored');
    const row = await callRow(placed.channelId);
    expect(Number(row.survey_score)).to.equal(4);
    expect(Number(row.ticket_score)).to.equal(4);
    expect(row.survey_at).to.be.a('string');
    const figures = await system.app.survey.store.figures(new Date(Date.now() - 3_600_000), new Date(Date.now() + 60_000));
    expect(figures.total).to.deep.equal({ count: 1, average: 4 });
    expect(figures.byAgent).to.deep.equal([{ agent: 'PJSIP/agent1', agentName: 'Ajan 1', count: 1, average: 4 }]);
    expect(figures.byQueue).to.deep.equal([{ queue: 'alo153-genel', count: 1, average: 4 }]);
  });

  it('reads the number to a caller without consent, then says goodbye and hangs up without a question', async () => {
    const placed = system.sim.placeCall({ callerNumber: '05321234568', script: NOT_CONSENTING });
    await backInStasis(placed.channelId);
    const phases = new Set<string>();
    const watcher = setInterval(() => phases.add(progress(placed.channelId)?.phase ?? 'gone'), 1);
    const end = await placed.ended;
    clearInterval(watcher);
    expect(end.cause).to.equal('app');
    // The number was said (a ticket number read back), the question never.
    expect([...phases]).to.include('number');
    expect([...phases]).to.not.include('question');
    expect([...phases]).to.not.include('waiting');
    const row = await callRow(placed.channelId);
    expect(row.survey_score).to.equal(null);
  });

  it('asks once more after a wrong digit and takes the second answer', async () => {
    const placed = system.sim.placeCall({ callerNumber: '05321234569', script: CONSENTING });
    await backInStasis(placed.channelId);
    await waitForQuestion(placed.channelId);
    placed.sendDigit('7');
    await waitForQuestion(placed.channelId, 2);
    placed.sendDigit('2');
    expect((await placed.ended).cause).to.equal('app');
    await waitFor(async () => (await callRow(placed.channelId))?.survey_score != null, 5000, 'the score stored');
    expect(Number((await callRow(placed.channelId)).survey_score)).to.equal(2);
  });

  it('says goodbye after two wrong answers and stores nothing', async () => {
    const placed = system.sim.placeCall({ callerNumber: '05321234570', script: CONSENTING });
    await backInStasis(placed.channelId);
    await waitForQuestion(placed.channelId);
    placed.sendDigit('0');
    await waitForQuestion(placed.channelId, 2);
    placed.sendDigit('*');
    await waitFor(() => progress(placed.channelId)?.phase === 'closing', 5000, 'the goodbye');
    expect((await placed.ended).cause).to.equal('app');
    expect((await callRow(placed.channelId)).survey_score).to.equal(null);
  });

  it('lets a caller hang up mid-survey: no score, no error, the session gone', async () => {
    const placed = system.sim.placeCall({ callerNumber: '05321234571', script: CONSENTING });
    await backInStasis(placed.channelId);
    await waitForQuestion(placed.channelId);
    placed.hangup();
    expect((await placed.ended).cause).to.equal('caller');
    await waitFor(() => progress(placed.channelId) === undefined, 5000, 'the survey session to end');
    expect(system.app.survey.size).to.equal(0);
    expect((await callRow(placed.channelId)).survey_score).to.equal(null);
  });

  it('ends a survey whose channel vanished while ARI was away, at the reconnect', async () => {
    const placed = system.sim.placeCall({ callerNumber: '05321234572', script: CONSENTING });
    await backInStasis(placed.channelId);
    await waitForQuestion(placed.channelId);
    system.sim.vanishChannel(placed.channelId);
    system.sim.dropAriWebSocket();
    await waitFor(() => progress(placed.channelId) === undefined, 10000, 'the survey to end after the reconcile');
    expect(system.app.survey.size).to.equal(0);
    expect((await callRow(placed.channelId)).survey_score).to.equal(null);
  });
});
