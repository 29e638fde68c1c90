import type { SimChannel } from './channel.js';
import type { Devices } from './devices.js';
import type { OutboundBehaviour } from './outbound.js';
import type { Pbx } from './pbx.js';

export interface OriginateSpec {
  endpoint: string;
  app: string;
  appArgs: string;
  callerId: string;
  timeoutS: number;
  channelId?: string;
}

const CAUSES = { busy: [17, 'User busy'], noAnswer: [19, 'User alerting, no answer'], congestion: [34, 'Circuit/channel congestion'], unknown: [0, 'Unknown'] } as const;

/** `"Name" <153>` or `153`, as ast_callerid_parse reads it. */
function parseCallerId(text: string): { name: string; number: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(text);
  return match ? { name: match[1] ?? '', number: match[2] ?? '' } : { name: '', number: text.trim() };
}

/**
 * POST /channels with `app`: the channel is made at once (Down, subscribed to the app, so the app hears its
 * state changes and its destroy), rung, and enters Stasis(app,args) only when answered; a timeout (Asterisk's
 * dial timeout) or the far end ends it unanswered. `PJSIP/<number>@trunk` goes to the simulated trunk, any
 * other endpoint is an agent's phone.
 */
export function originate(pbx: Pbx, devices: Devices, behaviour: OutboundBehaviour, spec: OriginateSpec): SimChannel {
  const resource = spec.endpoint.slice(spec.endpoint.indexOf('/') + 1);
  const at = resource.indexOf('@');
  const toTrunk = at >= 0;
  const device = toTrunk ? `${spec.endpoint.slice(0, spec.endpoint.indexOf('/'))}/${resource.slice(at + 1)}` : spec.endpoint;
  const callerId = parseCallerId(spec.callerId);
  const channel = pbx.createChannel({ device, caller: callerId, position: { context: 'default', exten: 's', priority: 1 }, state: 'Down', ...(spec.channelId ? { id: spec.channelId } : {}) });
  channel.connected = { ...callerId };
  channel.subscribedApp = spec.app;
  const cancels: Array<() => void> = [];
  const after = (ms: number, action: () => void): void => {
    if (Number.isFinite(ms)) cancels.push(pbx.timers.schedule(ms, action));
  };
  const phone = toTrunk ? undefined : spec.endpoint;
  channel.onHangup(() => {
    cancels.forEach((cancel) => cancel());
    if (phone && devices.agent(phone)) devices.set(phone, 'NOT_INUSE');
  });
  const answer = (hangupAfterMs: number | undefined, vanish: boolean): void => {
    if (channel.gone || channel.hangingUp) return;
    if (phone && devices.agent(phone)) devices.set(phone, 'INUSE');
    pbx.setState(channel, 'Up');
    channel.appName = 'Stasis';
    channel.appData = spec.appArgs ? `${spec.app},${spec.appArgs}` : spec.app;
    void pbx.enterStasis(channel, spec.app, spec.appArgs ? spec.appArgs.split(',') : []).then((exit) => {
      // An originated channel is hung up once it leaves Stasis (nothing follows in a dialplan).
      if (exit.kind === 'continue') pbx.hangup(channel, 'dialplan');
    });
    if (vanish) return pbx.vanish(channel);
    if (hangupAfterMs !== undefined) after(hangupAfterMs, () => pbx.hangup(channel, 'caller'));
  };
  const ring = (): void => {
    if (phone && devices.agent(phone)) devices.set(phone, 'RINGING');
    pbx.setState(channel, 'Ringing');
  };
  // The dial timeout: Asterisk hangs up the unanswered leg.
  after(spec.timeoutS * 1000, () => {
    if (channel.state !== 'Up') pbx.hangupUnanswered(channel, ...CAUSES.unknown);
  });
  if (phone) {
    const rule = behaviour.phone(phone);
    after(50, ring);
    if (!rule.noAnswer) after(50 + (rule.answerAfterMs ?? 1000), () => answer(rule.hangupAfterMs, rule.vanishOnAnswer ?? false));
    return channel;
  }
  const rule = behaviour.trunk(resource.slice(0, at));
  // Congestion and busy come back at once (SIP 503 / 486), without ringing.
  if (rule.result === 'fail' || rule.result === 'busy') {
    const cause = rule.result === 'fail' ? CAUSES.congestion : CAUSES.busy;
    after(rule.result === 'fail' ? 20 : (rule.ringMs ?? 300), () => pbx.hangupUnanswered(channel, cause[0], cause[1]));
    return channel;
  }
  after(50, ring);
  if (rule.result === 'answer') after(50 + (rule.ringMs ?? 3000), () => answer(rule.talkMs ?? 30_000, false));
  // The carrier's own no-answer (SIP 480) when it gives up before the dial timeout.
  else after(50 + (rule.ringMs ?? Number.POSITIVE_INFINITY), () => pbx.hangupUnanswered(channel, ...CAUSES.noAnswer));
  return channel;
}
