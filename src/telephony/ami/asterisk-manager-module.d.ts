// asterisk-manager 0.2.0 ships no types; this declares the part alo153 uses.
declare module 'asterisk-manager' {
  export type AmiRawMessage = Record<string, string | string[] | Record<string, string>>;

  export interface AsteriskManager {
    options: { port: number; host: string; username: string; password: string; events: boolean };
    connect(port: number, host: string, callback?: (error: Error | null) => void): void;
    login(callback: (error?: AmiRawMessage) => void): void;
    action(action: Record<string, string>, callback?: (error: AmiRawMessage | undefined, response: AmiRawMessage) => void): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    on(event: string, listener: (...args: never[]) => void): void;
    removeAllListeners(event?: string): void;
  }

  const Manager: (port: number | undefined, host: string, username: string, password: string, events: boolean) => AsteriskManager;
  export default Manager;
}
