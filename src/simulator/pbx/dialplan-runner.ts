import type { AppQueue } from './app-queue.js';
import type { DialplanPosition, SimChannel } from './channel.js';
import { findExtension, splitArgs } from './dialplan-parser.js';
import type { Pbx } from './pbx.js';
import type { PlaybackManager } from './playbacks.js';

type StepResult = DialplanPosition | 'next' | 'stop';

/** Runs channels through the dialplan, one application at a time, like a PBX thread per channel. */
export class DialplanRunner {
  constructor(
    private readonly pbx: Pbx,
    private readonly appQueue: AppQueue,
    private readonly playbacks: PlaybackManager,
  ) {}

  async run(channel: SimChannel): Promise<void> {
    while (!channel.gone && !channel.hangingUp) {
      const position = channel.position;
      const step = findExtension(this.pbx.dialplan, position.context, position.exten)?.find((s) => s.priority === position.priority);
      if (!step) {
        // Falling off the end of an extension hangs the channel up, as Asterisk's autofallthrough does.
        this.pbx.hangup(channel, 'dialplan');
        return;
      }
      const appData = this.substitute(channel, step.appData);
      this.pbx.enterStep(channel, step.app, appData);
      const result = await this.execute(channel, step.app, appData);
      if (result === 'stop' || channel.gone || channel.hangingUp) return;
      channel.position = result === 'next' ? { ...position, priority: position.priority + 1 } : result;
    }
  }

  /** `${VAR}` then `$[ "a" = "b" ]`: enough expression language for the project's dialplan. */
  substitute(channel: SimChannel, text: string): string {
    const expanded = text.replace(/\$\{([^}]+)\}/g, (_match, name: string) => this.pbx.getVariable(channel, name) ?? '');
    return expanded.replace(/\$\[([^\]]*)\]/g, (_match, expression: string) => {
      const comparison = /^\s*"?([^"]*?)"?\s*(!=|=)\s*"?([^"]*?)"?\s*$/.exec(expression);
      if (!comparison) return expression.trim();
      const equal = comparison[1] === comparison[3];
      return (comparison[2] === '=' ? equal : !equal) ? '1' : '0';
    });
  }

  /** `label`, `exten,label|priority` or `context,exten,label|priority`, relative to the channel. */
  resolveTarget(channel: SimChannel, spec: string): DialplanPosition | undefined {
    const parts = spec.split(',').map((part) => part.trim());
    const context = parts.length === 3 ? (parts[0] ?? '') : channel.position.context;
    const exten = parts.length >= 2 ? (parts[parts.length - 2] ?? '') : channel.position.exten;
    const priorityText = parts[parts.length - 1] ?? '1';
    const numeric = Number(priorityText);
    if (Number.isInteger(numeric) && numeric > 0) return { context, exten, priority: numeric };
    const step = findExtension(this.pbx.dialplan, context, exten)?.find((s) => s.label === priorityText);
    return step ? { context, exten, priority: step.priority } : undefined;
  }

  private gotoOrHangup(channel: SimChannel, spec: string): StepResult {
    const target = this.resolveTarget(channel, spec);
    if (target) return target;
    this.pbx.hangup(channel, 'dialplan');
    return 'stop';
  }

  private async execute(channel: SimChannel, app: string, appData: string): Promise<StepResult> {
    const args = splitArgs(appData);
    switch (app.toLowerCase()) {
      case 'noop':
        return 'next';
      case 'set': {
        const eq = appData.indexOf('=');
        if (eq > 0) this.pbx.setVariable(channel, appData.slice(0, eq), appData.slice(eq + 1));
        return 'next';
      }
      case 'answer':
        this.pbx.setState(channel, 'Up');
        return 'next';
      case 'wait':
        await Promise.race([this.pbx.timers.sleep(Number(args[0] ?? 0) * 1000), channel.hangupPromise()]);
        return 'next';
      case 'goto':
        return this.gotoOrHangup(channel, appData);
      case 'gotoif': {
        const question = appData.indexOf('?');
        const condition = appData.slice(0, question).trim();
        const [whenTrue = '', whenFalse = ''] = appData.slice(question + 1).split(':');
        const chosen = condition !== '' && condition !== '0' ? whenTrue : whenFalse;
        return chosen.trim() ? this.gotoOrHangup(channel, chosen) : 'next';
      }
      case 'stasis':
        return this.stasis(channel, args[0] ?? '', args.slice(1));
      case 'playback':
        return this.playback(channel, args[0] ?? '');
      case 'queue':
        return this.queue(channel, args[0] ?? '', Number(args[4] ?? 0) || 0, args[1] ?? '');
      case 'hangup':
        this.pbx.hangup(channel, 'dialplan');
        return 'stop';
      default:
        this.pbx.logger.warn('simulator: unsupported dialplan application, skipped', { app });
        return 'next';
    }
  }

  private async stasis(channel: SimChannel, app: string, args: string[]): Promise<StepResult> {
    if (!this.pbx.router.isAppConnected(app)) {
      this.pbx.setVariable(channel, 'STASISSTATUS', 'FAILED');
      return 'next';
    }
    const exit = await this.pbx.enterStasis(channel, app, args);
    if (exit.kind === 'hangup') return 'stop';
    return exit.target ?? 'next';
  }

  private async playback(channel: SimChannel, files: string): Promise<StepResult> {
    for (const file of files.split('&')) {
      const duration = await this.playbacks.soundDurationMs(file, channel.language);
      if (duration === null) {
        this.pbx.setVariable(channel, 'PLAYBACKSTATUS', 'FAILED');
        return 'next';
      }
      await Promise.race([this.pbx.timers.sleep(duration), channel.hangupPromise()]);
      if (channel.gone || channel.hangingUp) return 'stop';
    }
    this.pbx.setVariable(channel, 'PLAYBACKSTATUS', 'SUCCESS');
    return 'next';
  }

  private async queue(channel: SimChannel, name: string, timeoutSeconds: number, options: string): Promise<StepResult> {
    const outcome = await this.appQueue.join(channel, name, timeoutSeconds);
    if (outcome === 'completed') {
      // With `c` ("continue in the dialplan if the callee hangs up") the caller whose agent hung up goes on with
      // the next priority on the same channel, QUEUESTATUS left unset (app_queue sets it only when no agent was
      // reached); a caller who hung up is gone either way.
      if (options.includes('c') && !channel.gone && !channel.hangingUp) return 'next';
      // After a bridged call Queue() does not return to the dialplan: the caller is hung up (01).
      this.pbx.hangup(channel, 'queue-complete');
      return 'stop';
    }
    if (outcome === 'abandoned') return 'stop';
    if (outcome !== 'timeout') this.pbx.setVariable(channel, 'QUEUESTATUS', outcome.toUpperCase());
    return 'next';
  }
}
