import type { IvrMenu } from './types.js';

/**
 * What the digits entered so far mean in a menu:
 * - `select`: they name an option and no longer option starts with them, so waiting is pointless;
 * - `wait`: a longer option starts with them, so more digits may come (the inter-digit timer decides);
 * - `invalid`: no option starts with them.
 */
export type BufferVerdict = { kind: 'select'; key: string } | { kind: 'wait' } | { kind: 'invalid' };

export function judgeBuffer(menu: IvrMenu, buffer: string): BufferVerdict {
  const keys = Object.keys(menu.options);
  const longer = keys.some((key) => key.length > buffer.length && key.startsWith(buffer));
  if (longer) return { kind: 'wait' };
  if (buffer !== '' && keys.includes(buffer)) return { kind: 'select', key: buffer };
  return { kind: 'invalid' };
}

/** The entry is over (`#`, or the inter-digit timer ran out): an exact option or nothing. */
export function finishBuffer(menu: IvrMenu, buffer: string): BufferVerdict {
  if (buffer !== '' && Object.hasOwn(menu.options, buffer)) return { kind: 'select', key: buffer };
  return { kind: 'invalid' };
}

export function isMenuDigit(digit: string): boolean {
  return /^[0-9]$/.test(digit);
}
