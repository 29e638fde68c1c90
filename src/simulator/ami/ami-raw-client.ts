import net from 'node:net';
import { AmiActionParser, encodeAmiMessage, type AmiMessage } from './ami-message.js';

/**
 * A bare AMI client over `net` for tests: no library between the test and the wire, so framing,
 * field order and socket closes are seen exactly as sent.
 */
export class AmiRawClient {
  banner: string | undefined;
  /** Every chunk as it arrived, to check how writes were split. */
  readonly chunks: Buffer[] = [];
  readonly received: AmiMessage[] = [];
  closed = false;
  /** True when the server closed with FIN ('end') rather than a reset. */
  endedCleanly = false;
  private readonly parser = new AmiActionParser();
  private preBanner = Buffer.alloc(0);
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => {
      this.endedCleanly = true;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  static connect(port: number, host = '127.0.0.1'): Promise<AmiRawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection({ port, host });
      socket.once('connect', () => resolve(new AmiRawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(action: AmiMessage): void {
    this.socket.write(encodeAmiMessage(action));
  }

  /** Resolves with the first message received after `from` (an index into `received`) that matches. */
  async next(match: (msg: AmiMessage) => boolean = () => true, timeoutMs = 2000, from = 0): Promise<AmiMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(match);
      if (found) return found;
      if (this.closed) throw new Error('AMI connection closed while waiting');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for an AMI message');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends an action and returns its reply (the next message carrying `Response:` and this ActionID). */
  async request(action: AmiMessage, timeoutMs = 2000): Promise<AmiMessage> {
    const from = this.received.length;
    this.send(action);
    const id = action.find(([key]) => key === 'ActionID')?.[1];
    return this.next((msg) => msg[0]?.[0] === 'Response' && (id === undefined || msg.some(([k, v]) => k === 'ActionID' && v === id)), timeoutMs, from);
  }

  async waitClosed(timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for the AMI connection to close');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async login(username: string, secret: string, actionId = 'login'): Promise<AmiMessage> {
    return this.request([
      ['Action', 'Login'],
      ['Username', username],
      ['Secret', secret],
      ['ActionID', actionId],
    ]);
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    let rest = chunk;
    if (this.banner === undefined) {
      this.preBanner = Buffer.concat([this.preBanner, chunk]);
      const newline = this.preBanner.indexOf(0x0a);
      if (newline < 0) return;
      this.banner = this.preBanner.subarray(0, newline + 1).toString('utf8');
      rest = this.preBanner.subarray(newline + 1);
    }
    this.received.push(...this.parser.push(rest));
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
