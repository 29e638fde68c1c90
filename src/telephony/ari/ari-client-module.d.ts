// ari-client 2.2.0 ships no types; this declares the narrow part alo153 uses.
declare module 'ari-client' {
  import type { EventEmitter } from 'node:events';

  interface AriOperations {
    [operation: string]: (params?: Record<string, unknown>) => Promise<unknown>;
  }

  export interface AriClient extends EventEmitter {
    channels: AriOperations;
    playbacks: AriOperations;
    asterisk: AriOperations;
    applications: AriOperations;
    start(apps: string | string[], subscribeAll?: boolean): Promise<void>;
    stop(): void;
    /** Internals read by the message guard (see guarded-socket.ts). */
    _ws?: EventEmitter & { terminate?: () => void; readyState: number; send(data: string, callback?: (error?: Error) => void): void };
    _swagger?: { apis?: { events?: { models?: Record<string, unknown> } } };
  }

  export function connect(url: string, user: string, pass: string): Promise<AriClient>;
  const ari: { connect: typeof connect };
  export default ari;
}
