import type { IvrCommand, IvrDefinition, IvrMenu, IvrPathStep, IvrState, IvrTimer, PromptName } from './types.js';

export interface IvrStepResult {
  state: IvrState;
  commands: IvrCommand[];
}

/** Collects the new state and the commands of one step; the caller's state object is never touched. */
export class Turn {
  readonly commands: IvrCommand[] = [];

  constructor(
    readonly def: IvrDefinition,
    public state: IvrState,
    readonly at: string,
  ) {}

  update(patch: Partial<IvrState>): void {
    this.state = { ...this.state, ...patch };
  }

  record(step: Omit<IvrPathStep, 'at'>): void {
    const full: IvrPathStep = { at: this.at, ...step };
    this.update({ path: [...this.state.path, full] });
    this.commands.push({ type: 'record', step: full });
  }

  play(prompts: PromptName[], bargeIn: boolean): number {
    const id = this.state.lastPlaybackId + 1;
    this.update({ playback: { id, bargeIn }, lastPlaybackId: id });
    this.commands.push({ type: 'play', playback: id, prompts, bargeIn });
    return id;
  }

  /** Forgets the playback at once: its PlaybackFinished arrives later and must then be ignored. */
  stopPlayback(): void {
    const { playback } = this.state;
    if (playback === null) return;
    this.update({ playback: null });
    this.commands.push({ type: 'stopPlayback', playback: playback.id });
  }

  startTimer(timer: IvrTimer, ms: number): void {
    this.update({ timer });
    this.commands.push({ type: 'startTimer', timer, ms });
  }

  cancelTimer(): void {
    if (this.state.timer === null) return;
    this.update({ timer: null });
    this.commands.push({ type: 'cancelTimer' });
  }

  result(): IvrStepResult {
    return { state: this.state, commands: this.commands };
  }
}

export function menuNamed(def: IvrDefinition, name: string): IvrMenu {
  const menu = def.menus[name];
  if (menu === undefined) throw new Error(`IVR menu "${name}" is not defined`);
  return menu;
}

export function currentMenu(turn: Turn): IvrMenu {
  return menuNamed(turn.def, turn.state.menu);
}
