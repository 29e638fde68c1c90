import { expect } from 'chai';
import { durationsOf, startFlow, stepFlow, type FlowInput, type FlowState, type FlowStep } from '../../src/relay/callback/callback-flow.js';

const T0 = 1_800_000_000_000;

function run(inputs: FlowInput[]): { state: FlowState; commands: string[] } {
  let state = startFlow(T0);
  const commands: string[] = [];
  for (const input of inputs) {
    const step: FlowStep = stepFlow(state, input);
    state = step.state;
    commands.push(...step.commands.map((c) => ('leg' in c ? `${c.type}:${c.leg}` : c.type)));
  }
  return { state, commands };
}

const toCitizenRinging: FlowInput[] = [
  { type: 'agentAnswered', at: T0 + 2000 },
  { type: 'done', command: 'createBridge', at: T0 + 2100 },
  { type: 'done', command: 'addAgent', at: T0 + 2200 },
  { type: 'done', command: 'originateCitizen', at: T0 + 2300 },
];
const toBridged: FlowInput[] = [...toCitizenRinging, { type: 'ringing', leg: 'citizen' }, { type: 'citizenAnswered', at: T0 + 10_200 }, { type: 'done', command: 'addCitizen', at: T0 + 10_300 }];

describe('callback flow (pure state machine)', () => {
  it('bridges agent and citizen in order: bridge, agent in, citizen dialled, citizen in', () => {
    const { state, commands } = run(toBridged);
    expect(state.phase).to.equal('bridged');
    expect(commands).to.deep.equal(['createBridge', 'addAgent', 'originateCitizen', 'armRingTimer:citizen', 'addCitizen']);
  });

  it('citizen hanging up mid-bridge: answered, agent hung up, bridge destroyed, with ring and talk seconds', () => {
    const { state, commands } = run([...toBridged, { type: 'gone', leg: 'citizen', cause: 16, causeText: 'Normal Clearing', at: T0 + 70_200 }]);
    expect(state.outcome).to.equal('answered');
    expect(commands.slice(-3)).to.deep.equal(['hangup:agent', 'destroyBridge', 'finished']);
    expect(durationsOf(state)).to.deep.equal({ ringS: 8, talkS: 60 });
    expect(state.hangupCause).to.equal('citizen: 16 Normal Clearing');
  });

  it('agent hanging up mid-bridge: the citizen is hung up and the bridge destroyed', () => {
    const { state, commands } = run([...toBridged, { type: 'gone', leg: 'agent', cause: 0, causeText: 'Unknown', at: T0 + 20_000 }]);
    expect(state.outcome).to.equal('answered');
    expect(commands.slice(-3)).to.deep.equal(['hangup:citizen', 'destroyBridge', 'finished']);
  });

  it('agent leg destroyed before answering is agent-no-answer; the citizen is never dialled', () => {
    const { state, commands } = run([{ type: 'gone', leg: 'agent', cause: 0, causeText: 'Unknown', at: T0 + 20_000 }]);
    expect(state.outcome).to.equal('agent-no-answer');
    expect(commands).to.deep.equal(['finished']);
    expect(durationsOf(state)).to.deep.equal({ ringS: null, talkS: null });
  });

  it('classifies an unanswered citizen leg by cause: 17/21 busy, 18/19 no-answer, rang-then-ended no-answer, else failed', () => {
    const gone = (cause: number, rang: boolean) =>
      run([...toCitizenRinging, ...(rang ? [{ type: 'ringing', leg: 'citizen' } as FlowInput] : []), { type: 'gone', leg: 'citizen', cause, causeText: 'x', at: T0 + 9000 }]).state.outcome;
    expect(gone(17, true)).to.equal('busy');
    expect(gone(21, true)).to.equal('busy');
    expect(gone(19, false)).to.equal('no-answer');
    expect(gone(18, false)).to.equal('no-answer');
    expect(gone(0, true)).to.equal('no-answer');
    expect(gone(34, false)).to.equal('failed');
  });

  it('busy citizen: agent hung up and bridge destroyed, nothing left bridged', () => {
    const { commands } = run([...toCitizenRinging, { type: 'gone', leg: 'citizen', cause: 17, causeText: 'User busy', at: T0 + 3000 }]);
    expect(commands.slice(-3)).to.deep.equal(['hangup:agent', 'destroyBridge', 'finished']);
  });

  it('a command failing because a channel is gone ends as failed and cleans up', () => {
    const { state, commands } = run([{ type: 'agentAnswered', at: T0 + 1 }, { type: 'done', command: 'createBridge', at: T0 + 2 }, { type: 'failed', command: 'addAgent', gone: true, detail: '400', at: T0 + 3 }]);
    expect(state.outcome).to.equal('failed');
    expect(state.hangupCause).to.equal('channel gone during addAgent');
    expect(commands.slice(-3)).to.deep.equal(['hangup:agent', 'destroyBridge', 'finished']);
  });

  it('our ring limit ends a citizen that rings on as no-answer; late inputs after the end change nothing', () => {
    const ended = run([...toCitizenRinging, { type: 'ringTimeout', leg: 'citizen', at: T0 + 40_000 }]);
    expect(ended.state.outcome).to.equal('no-answer');
    expect(stepFlow(ended.state, { type: 'citizenAnswered', at: T0 + 41_000 }).commands).to.deep.equal([]);
  });

  it('an interrupt (shutdown) ends any live phase as interrupted', () => {
    expect(run([...toBridged, { type: 'interrupt', reason: 'shutdown', at: T0 + 50_000 }]).state.outcome).to.equal('interrupted');
    expect(run([{ type: 'interrupt', reason: 'shutdown', at: T0 + 1 }]).state.outcome).to.equal('interrupted');
  });
});
