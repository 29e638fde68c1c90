import { expect } from 'chai';
import { AmiQueueActions, QueueActionError } from '../../src/telephony/ami/ami-queue-actions.js';
import type { AgentRow } from '../../src/realtime/protocol.js';
import { startSystem, waitFor, type System } from '../support/system.js';

async function problemOf(action: Promise<void>): Promise<string> {
  try {
    await action;
  } catch (error) {
    expect(error).to.be.instanceOf(QueueActionError);
    return (error as QueueActionError).problem;
  }
  return 'none';
}

describe('AMI queue actions (QueueAdd / QueueRemove / QueuePause) against the simulator', function () {
  this.timeout(20000);
  let system: System;
  let actions: AmiQueueActions;
  const agentRow = (iface: string) => system.app.board.snapshotFor('supervisors').entries[`agent:${iface}`] as AgentRow | undefined;

  beforeEach(async () => {
    system = await startSystem({ agents: 1 });
    actions = new AmiQueueActions(system.app.ami);
  });

  afterEach(async () => {
    await system.stop();
  });

  it('adds a dynamic member with a Turkish name, pauses it with a reason, and removes it; the board follows', async () => {
    await actions.addMember({ queue: 'alo153-genel', interface: 'PJSIP/agent12', memberName: 'Şükrü Öztürk' });
    await waitFor(() => agentRow('PJSIP/agent12')?.name === 'Şükrü Öztürk', 3000, 'the new member on the board');
    await actions.pauseMember({ interface: 'PJSIP/agent12', paused: true, reason: 'öğle yemeği' });
    await waitFor(() => agentRow('PJSIP/agent12')?.state === 'paused', 3000, 'the pause on the board');
    expect(agentRow('PJSIP/agent12')?.reason).to.equal('öğle yemeği');
    await actions.removeMember('alo153-genel', 'PJSIP/agent12');
    await waitFor(() => agentRow('PJSIP/agent12')?.state === 'logged-out', 3000, 'the member logged out');
  });

  it('turns app_queue\'s refusals into named problems', async () => {
    await actions.addMember({ queue: 'alo153-genel', interface: 'PJSIP/agent12', memberName: 'Ajan 12' });
    expect(await problemOf(actions.addMember({ queue: 'alo153-genel', interface: 'PJSIP/agent12', memberName: 'Ajan 12' }))).to.equal('already-member');
    expect(await problemOf(actions.addMember({ queue: 'alo153-yok', interface: 'PJSIP/agent12', memberName: 'Ajan 12' }))).to.equal('no-such-queue');
    expect(await problemOf(actions.removeMember('alo153-genel', 'PJSIP/agent99'))).to.equal('not-member');
    expect(await problemOf(actions.pauseMember({ interface: 'PJSIP/agent99', paused: true }))).to.equal('not-member');
    expect(await problemOf(actions.removeMember('alo153-genel', 'PJSIP/agent1'))).to.equal('not-dynamic');
  });

  it('refuses a reason with a line break before it reaches AMI, and says when AMI is down', async () => {
    expect(await problemOf(actions.pauseMember({ interface: 'PJSIP/agent1', paused: true, reason: 'mola\r\nAction: Originate' }))).to.equal('rejected');
    expect(agentRow('PJSIP/agent1')?.state).to.not.equal('paused');
    system.sim.setAmiAvailable(false);
    await waitFor(() => system.app.ami.state !== 'connected', 3000, 'AMI down');
    expect(await problemOf(actions.pauseMember({ interface: 'PJSIP/agent1', paused: true, reason: 'mola' }))).to.equal('ami-unavailable');
  });
});
