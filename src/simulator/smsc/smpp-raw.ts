import smpp from 'smpp';

let installed = false;

/**
 * The smpp package decodes every received submit_sm's short_message with its own tables, and for a UDH with IE 0x25
 * it uses its Turkish LOCKING-shift table, not the single-shift one alo153 sends: the SMSC would record wrong text
 * and lose the exact octets. The test SMSC needs the octets (to decode them itself and to spot a resent part), so
 * submit_sm's decode filter becomes the identity. Only decoding of submit_sm changes, which only an SMSC does: an
 * ESME in the same process (alo153 in the demo) encodes submit_sm and decodes deliver_sm, both untouched.
 */
export function keepSubmitShortMessageRaw(): void {
  if (installed) return;
  const field = smpp.commands.submit_sm?.params?.short_message;
  if (!field?.filter) throw new Error('smpp: submit_sm.short_message has no filter to replace (package changed?)');
  field.filter = { encode: field.filter.encode, decode: (value: unknown) => value };
  installed = true;
}
