import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Speaks an announcement's text into an 8 kHz mono 16-bit WAV with the chain of scripts/make-prompts.sh
 * (espeak-ng's Turkish voice at 140 wpm, then sox: headroom, trim the quiet ends, 60 Hz high-pass, resample,
 * peak at -3 dBFS), so a live announcement sounds like the menu's prompts.
 *
 * No shell: both programs are spawned with fixed arguments and the text goes to espeak-ng on stdin, so nothing a
 * supervisor types (quotes, `-v`, `$(...)`) is ever parsed as an option or a command. The caller bounds the length.
 */
export interface SpeechRenderer {
  /** Writes `file` (which must not exist yet: the caller writes beside the target and renames). */
  render(text: string, file: string): Promise<void>;
}

export interface EspeakOptions {
  espeak?: string;
  sox?: string;
  voice?: string;
  rateWpm?: number;
  peakDbfs?: number;
  /** Kills both programs after this long (a wedged espeak-ng must not hold a supervisor's request forever). */
  timeoutMs?: number;
}

const OUTPUT_FORMAT = ['-t', 'wav', '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer'];

export class SpeechError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpeechError';
  }
}

export function espeakRenderer(options: EspeakOptions = {}): SpeechRenderer {
  const espeak = options.espeak ?? 'espeak-ng';
  const sox = options.sox ?? 'sox';
  const voice = options.voice ?? 'tr';
  const rate = String(options.rateWpm ?? 140);
  const peak = String(options.peakDbfs ?? -3);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const levelAndTrim = ['gain', '-6', 'silence', '1', '0.02', '0.3%', 'reverse', 'silence', '1', '0.02', '0.3%', 'reverse', 'highpass', '60', 'rate', '-v', '8000', 'gain', '-n', peak];

  return {
    async render(text, file) {
      const speaker = spawn(espeak, ['-v', voice, '-s', rate, '--stdout', '--stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const mixer = spawn(sox, ['-D', '-t', 'wav', '-', ...OUTPUT_FORMAT, file, ...levelAndTrim], { stdio: ['pipe', 'ignore', 'pipe'] });
      const errors: string[] = [];
      const collect = (name: string) => (chunk: Buffer) => {
        if (errors.join('').length < 2000) errors.push(`${name}: ${chunk.toString('utf8')}`);
      };
      speaker.stderr.on('data', collect('espeak-ng'));
      mixer.stderr.on('data', collect('sox'));
      speaker.stdout.pipe(mixer.stdin);
      // A program that dies early closes its pipe: the other one's EPIPE is that failure, not a second one.
      mixer.stdin.on('error', () => undefined);
      speaker.stdin.on('error', () => undefined);
      const timer = setTimeout(() => {
        errors.push(`timed out after ${timeoutMs} ms`);
        speaker.kill('SIGKILL');
        mixer.kill('SIGKILL');
      }, timeoutMs);
      const exited = (child: typeof speaker | typeof mixer, name: string) =>
        Promise.race([
          once(child, 'close').then(([code]) => code as number | null),
          once(child, 'error').then(([error]) => {
            errors.push(`${name}: ${(error as Error).message}`);
            return -1;
          }),
        ]);
      const speakerDone = exited(speaker, 'espeak-ng');
      const mixerDone = exited(mixer, 'sox');
      speaker.stdin.end(text, 'utf8');
      try {
        const [speakerCode, mixerCode] = await Promise.all([speakerDone, mixerDone]);
        if (speakerCode !== 0 || mixerCode !== 0) {
          throw new SpeechError(`speech failed (espeak-ng ${String(speakerCode)}, sox ${String(mixerCode)}): ${errors.join(' ').trim().slice(0, 500)}`);
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
