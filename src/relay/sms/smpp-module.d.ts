// smpp 0.5.1 ships no types; this declares the part alo153 and its test SMSC use.
// PDU fields stay `unknown`: src/relay/sms/smpp-types.ts narrows the ones read.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export type PduValue = string | number | Buffer | { message: string | Buffer; udh?: Buffer | Buffer[] } | null | undefined;
  export type PduOptions = Record<string, PduValue>;

  export class PDU {
    constructor(command: string, options?: PduOptions);
    readonly command: string;
    readonly command_id: number;
    readonly command_status: number;
    sequence_number: number;
    readonly [field: string]: unknown;
    isResponse(): boolean;
    response(options?: PduOptions): PDU;
  }

  type Reply = (pdu: PDU) => void;

  export class Session extends EventEmitter {
    readonly socket: Socket;
    send(pdu: PDU, responseCallback?: Reply, sendCallback?: Reply): boolean;
    bind_transceiver(options: PduOptions, responseCallback?: Reply): boolean;
    submit_sm(options: PduOptions, responseCallback?: Reply): boolean;
    deliver_sm(options: PduOptions, responseCallback?: Reply): boolean;
    enquire_link(options: PduOptions, responseCallback?: Reply): boolean;
    unbind(options: PduOptions, responseCallback?: Reply): boolean;
    pause(): void;
    resume(): void;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export class Server extends NetServer {
    readonly sessions: Session[];
  }

  export function connect(options: { host: string; port: number }): Session;
  export function createServer(options: Record<string, never>, listener?: (session: Session) => void): Server;

  /** The package's command table (the test SMSC reads submit_sm's short_message raw through it). */
  export const commands: Record<string, { params?: Record<string, { filter?: { encode: (value: unknown) => unknown; decode: (value: unknown) => unknown } }> }>;
}
