import { expect } from 'chai';
import { startSurvey, stepSurvey, type SurveyCommand, type SurveyInput, type SurveySetup, type SurveyState } from '../../src/survey/survey-machine.js';

const prompts = { ticketNumber: 'ticket-number', question: 'survey-question', invalid: 'invalid', thanks: 'survey-thanks', goodbye: 'goodbye' };
const setup = (overrides: Partial<SurveySetup> = {}): SurveySetup => ({ prompts, numberPrompts: ['num-2000', 'num-20', '6', 'pause', '3'], consent: true, digitTimeoutMs: 6000, ...overrides });

/** Drives the machine like the session does: every play is finished unless the next input says otherwise. */
class Driver {
  state: SurveyState;
  commands: SurveyCommand[];
  constructor(readonly config: SurveySetup) {
    ({ state: this.state, commands: this.commands } = startSurvey(config));
  }
  send(input: SurveyInput): SurveyCommand[] {
    const step = stepSurvey(this.config, this.state, input);
    this.state = step.state;
    this.commands = step.commands;
    return step.commands;
  }
  finishPlayback(): SurveyCommand[] {
    return this.send({ type: 'playbackFinished', playback: this.state.playback });
  }
  played(): string[] | undefined {
    const play = this.commands.find((c): c is Extract<SurveyCommand, { type: 'play' }> => c.type === 'play');
    return play?.prompts;
  }
}

describe('post-call survey machine', () => {
  it('reads the number, asks, takes 4 during the question, thanks and hangs up', () => {
    const survey = new Driver(setup());
    expect(survey.played()).to.deep.equal(['ticket-number', 'num-2000', 'num-20', '6', 'pause', '3']);
    survey.finishPlayback();
    expect(survey.played()).to.deep.equal(['survey-question']);
    const asked = survey.state.playback;
    const commands = survey.send({ type: 'digit', digit: '4' });
    expect(commands.slice(0, 2)).to.deep.equal([{ type: 'stopPlayback', playback: asked }, { type: 'score', score: 4 }]);
    expect(survey.played()).to.deep.equal(['survey-thanks']);
    expect(survey.state.score).to.equal(4);
    // The stopped question's PlaybackFinished arrives late: ignored, it is not the thanks ending.
    expect(survey.send({ type: 'playbackFinished', playback: asked })).to.deep.equal([]);
    expect(survey.finishPlayback()).to.deep.equal([{ type: 'hangup' }]);
    expect(survey.state.phase).to.equal('done');
  });

  it('waits for the digit after the question with a timer, and takes 1 and 5 as scores', () => {
    for (const digit of ['1', '5']) {
      const survey = new Driver(setup());
      survey.finishPlayback();
      expect(survey.finishPlayback()).to.deep.equal([{ type: 'startTimer', ms: 6000 }]);
      const commands = survey.send({ type: 'digit', digit });
      expect(commands.slice(0, 2)).to.deep.equal([{ type: 'cancelTimer' }, { type: 'score', score: Number(digit) }]);
    }
  });

  it('asks once more after a wrong digit or silence, then says goodbye without a score', () => {
    const survey = new Driver(setup());
    survey.finishPlayback();
    survey.send({ type: 'digit', digit: '7' });
    expect(survey.played()).to.deep.equal(['invalid', 'survey-question']);
    expect(survey.state.asked).to.equal(2);
    survey.finishPlayback();
    survey.send({ type: 'timeout' });
    expect(survey.played()).to.deep.equal(['goodbye']);
    expect(survey.commands.some((c) => c.type === 'score')).to.equal(false);
    expect(survey.finishPlayback()).to.deep.equal([{ type: 'hangup' }]);
    expect(survey.state.score).to.equal(null);
  });

  it('takes the second answer after a first wrong one (0, 6, *, # are all wrong)', () => {
    for (const wrong of ['0', '6', '*', '#']) {
      const survey = new Driver(setup());
      survey.finishPlayback();
      survey.send({ type: 'digit', digit: wrong });
      expect(survey.state.phase, wrong).to.equal('question');
      survey.send({ type: 'digit', digit: '3' });
      expect(survey.state.score, wrong).to.equal(3);
    }
  });

  it('ignores digits while the number is read: it is said once, whole', () => {
    const survey = new Driver(setup());
    expect(survey.send({ type: 'digit', digit: '5' })).to.deep.equal([]);
    expect(survey.state).to.include({ phase: 'number', score: null });
  });

  it('without consent: the number, goodbye, hang up; without a number straight to the question or goodbye', () => {
    const declined = new Driver(setup({ consent: false }));
    declined.finishPlayback();
    expect(declined.played()).to.deep.equal(['goodbye']);
    expect(declined.send({ type: 'digit', digit: '4' })).to.deep.equal([]);
    expect(declined.finishPlayback()).to.deep.equal([{ type: 'hangup' }]);
    expect(new Driver(setup({ numberPrompts: [] })).played()).to.deep.equal(['survey-question']);
    expect(new Driver(setup({ numberPrompts: [], consent: false })).played()).to.deep.equal(['goodbye']);
  });

  it('ends at a hang-up in any phase with no score and answers nothing after it', () => {
    for (const presses of [0, 1, 2]) {
      const survey = new Driver(setup());
      for (let i = 0; i < presses; i += 1) survey.finishPlayback();
      expect(survey.send({ type: 'hangup' })).to.deep.equal([{ type: 'cancelTimer' }]);
      expect(survey.state).to.include({ phase: 'done', score: null });
      expect(survey.send({ type: 'digit', digit: '4' })).to.deep.equal([]);
      expect(survey.send({ type: 'timeout' })).to.deep.equal([]);
    }
  });
});
