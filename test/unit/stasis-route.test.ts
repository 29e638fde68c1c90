import { expect } from 'chai';
import { dispatchTelephonyEvents, stasisRoute, stasisRouteOfAppData } from '../../src/telephony/stasis-route.js';
import type { ChannelInfo, TelephonyEvent } from '../../src/telephony/ports.js';

const channel: ChannelInfo = { id: 'c1', name: 'PJSIP/agent1-00000001', state: 'Up', caller: { name: '', number: '153' }, language: 'en', creationTime: '', dialplan: { context: 'default', exten: 's', priority: 1 } };
const start = (args: string[]): TelephonyEvent => ({ type: 'stasisStart', channel, args, timestamp: '' });

describe('stasis routing: callback legs never reach the IVR', () => {
  it('routes by the Stasis arguments, and a malformed callback leg is still not an IVR call', () => {
    expect(stasisRoute(['inbound'])).to.deep.equal({ kind: 'ivr' });
    expect(stasisRoute([])).to.deep.equal({ kind: 'ivr' });
    expect(stasisRoute(['callback', 'a1', 'citizen'])).to.deep.equal({ kind: 'callback', attemptId: 'a1', leg: 'citizen' });
    expect(stasisRoute(['callback'])).to.deep.equal({ kind: 'callback', attemptId: '', leg: 'invalid' });
    expect(stasisRouteOfAppData('alo153,callback,a1,agent')).to.deep.equal({ kind: 'callback', attemptId: 'a1', leg: 'agent' });
    expect(stasisRouteOfAppData('alo153,inbound').kind).to.equal('ivr');
  });

  it('sends a callback StasisStart only to the callback service, an IVR one only to the registry, other events to both', () => {
    const seen: string[] = [];
    const dispatch = dispatchTelephonyEvents({ ivr: { handle: (e) => seen.push(`ivr:${e.type}`) }, callback: { handle: (e) => seen.push(`cb:${e.type}`) } });
    dispatch(start(['callback', 'a1', 'agent']));
    dispatch(start(['inbound']));
    dispatch({ type: 'channelDestroyed', channelId: 'c1', cause: 16, causeText: 'Normal Clearing', timestamp: '' });
    expect(seen).to.deep.equal(['cb:stasisStart', 'ivr:stasisStart', 'ivr:channelDestroyed', 'cb:channelDestroyed']);
  });
});
