import { StringDecoder } from 'node:string_decoder';

/** One AMI message as ordered `Key: Value` pairs; order matters on the wire and duplicate keys are legal. */
export type AmiMessage = Array<[string, string]>;

// A CR or LF inside a value would end the header early and let the rest be read as new headers.
const LINE_BREAKS = /[\r\n]+/g;

export function encodeAmiMessage(msg: AmiMessage): string {
  let out = '';
  for (const [key, value] of msg) out += `${key}: ${value.replace(LINE_BREAKS, ' ')}\r\n`;
  return `${out}\r\n`;
}

/**
 * Header lookup the way Asterisk's astman_get_header does it: case-insensitive name, first match wins.
 * Returns undefined when the header is absent or empty, since Asterisk treats both alike (ast_strlen_zero).
 */
export function getHeader(msg: AmiMessage, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of msg) {
    if (key.toLowerCase() === wanted) return value === '' ? undefined : value;
  }
  return undefined;
}

/** Parses one `Key: Value` line; Asterisk splits at the first colon and skips the blanks after it. */
function parseHeaderLine(line: string): [string, string] {
  const colon = line.indexOf(':');
  if (colon < 0) return [line.trim(), ''];
  return [line.slice(0, colon).trim(), line.slice(colon + 1).replace(/^[ \t]+/, '').replace(/[ \t]+$/, '')];
}

export class AmiLineTooLongError extends Error {
  constructor(limit: number) {
    super(`AMI line longer than ${limit} characters`);
    this.name = 'AmiLineTooLongError';
  }
}

/**
 * Incremental parser for the client→server direction. Accepts CRLF or bare LF, any chunking,
 * and UTF-8 characters split between chunks. Blank lines between messages are ignored, as Asterisk does.
 */
export class AmiActionParser {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private headers: AmiMessage = [];

  constructor(private readonly maxLineLength = 64 * 1024) {}

  /** Feeds raw bytes (or text) and returns every message completed by them. */
  push(chunk: Buffer | string): AmiMessage[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const complete: AmiMessage[] = [];
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const line = this.pending.slice(0, newline).replace(/\r$/, '');
      this.pending = this.pending.slice(newline + 1);
      if (line === '') {
        if (this.headers.length > 0) complete.push(this.headers);
        this.headers = [];
      } else {
        this.headers.push(parseHeaderLine(line));
      }
      newline = this.pending.indexOf('\n');
    }
    if (this.pending.length > this.maxLineLength) throw new AmiLineTooLongError(this.maxLineLength);
    return complete;
  }
}
