import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { AmiSessionFilters } from './ami-filters.js';
import { AmiActionParser, encodeAmiMessage, type AmiMessage } from './ami-message.js';
import type { SecuritySessionInfo } from './ami-system-events.js';

/** Test hook: cut every outgoing message into pieces written `gapMs` apart, so the client sees separate reads. */
export interface WriteFragmenter {
  split: (bytes: Buffer) => Buffer[];
  gapMs: number;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const addressOf = (address: string | undefined, port: number | undefined): string =>
  `${address !== undefined && address.includes(':') ? 'IPV6' : 'IPV4'}/TCP/${address ?? '0.0.0.0'}/${port ?? 0}`;

/** One TCP connection to the AMI server: its parser, login state and ordered writes. */
export class AmiSession {
  readonly parser = new AmiActionParser();
  authenticated = false;
  eventsOn = false;
  /** Event classes this session asked for (`Events`/`EventMask: system,agent`); null means every class. */
  eventClasses: ReadonlySet<string> | null = null;
  /** `Action: Filter` adds to these; they die with the connection, as in Asterisk. */
  readonly filters = new AmiSessionFilters();
  /** Set once the session is on its way out (bad login, Logoff): further input is ignored. */
  closing = false;
  readonly security: SecuritySessionInfo;
  private writeChain: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: Socket,
    private readonly fragmenter?: WriteFragmenter,
  ) {
    this.security = {
      accountId: '',
      // Asterisk prints the session struct's address; any stable pointer-looking value will do.
      sessionId: `0x7f${randomBytes(5).toString('hex')}`,
      localAddress: addressOf(socket.localAddress, socket.localPort),
      remoteAddress: addressOf(socket.remoteAddress, socket.remotePort),
    };
  }

  get open(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }

  writeRaw(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    if (!this.fragmenter) {
      if (this.open) this.socket.write(bytes);
      return;
    }
    const { split, gapMs } = this.fragmenter;
    this.writeChain = this.writeChain.then(async () => {
      const pieces = split(bytes);
      for (const [index, piece] of pieces.entries()) {
        if (index > 0) await wait(gapMs);
        if (!this.open) return;
        this.socket.write(piece);
      }
    });
  }

  send(msg: AmiMessage): void {
    this.writeRaw(encodeAmiMessage(msg));
  }

  /** Graceful close (FIN) after everything queued has been written. */
  end(): void {
    this.closing = true;
    if (!this.fragmenter) {
      this.socket.end();
      return;
    }
    this.writeChain = this.writeChain.then(() => {
      this.socket.end();
    });
  }

  /** Abrupt close (RST), as when the PBX host vanishes. */
  destroy(): void {
    this.closing = true;
    if (!this.socket.destroyed) this.socket.resetAndDestroy();
  }
}
