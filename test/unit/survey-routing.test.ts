import { expect } from 'chai';
import { dispatchTelephonyEvents, stasisRoute, stasisRouteOfAppData } from '../../src/telephony/stasis-route.js';
import type { ChannelInfo, TelephonyEvent } from '../../src/telephony/ports.js';

const channel: ChannelInfo = { id: 'c1', name: 'PJSIP/citizen-00000001', state: 'Up', caller: { name: '', number: '05321234567' }, language: 'tr', creationTime: '', dialplan: { context: 'alo153-queues', exten: 'after-queue', priority: 4 } };
const start = (args: string[]): TelephonyEvent => ({ type: 'stasisStart', channel, args, timestamp: '' });

describe('survey routing: a caller back from the queue is never an IVR call', () => {
  it('routes Stasis(alo153,after-queue) apart from the IVR and the callbacks, also from a listed channel', () => {
    expect(stasisRoute(['after-queue'])).to.deep.equal({ kind: 'after-queue' });
    expect(stasisRouteOfAppData('alo153,after-queue').kind).to.equal('after-queue');
    expect(stasisRoute(['inbound']).kind).to.equal('ivr');
  });

  it('sends its StasisStart only to the survey, other events to every target, and to nobody when there is no survey', () => {
    const seen: string[] = [];
    const target = (name: string) => ({ handle: (event: TelephonyEvent) => seen.push(`${name}:${event.type}`) });
    const dispatch = dispatchTelephonyEvents({ ivr: target('ivr'), callback: target('cb'), afterQueue: target('survey') });
    dispatch(start(['after-queue']));
    dispatch({ type: 'dtmf', channelId: 'c1', digit: '4', durationMs: 100, timestamp: '' });
    expect(seen).to.deep.equal(['survey:stasisStart', 'ivr:dtmf', 'cb:dtmf', 'survey:dtmf']);
    seen.length = 0;
    dispatchTelephonyEvents({ ivr: target('ivr'), callback: target('cb') })(start(['after-queue']));
    expect(seen).to.deep.equal([]);
  });
});
