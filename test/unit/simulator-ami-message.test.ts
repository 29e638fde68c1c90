import { expect } from 'chai';
import { AmiActionParser, AmiLineTooLongError, encodeAmiMessage, getHeader } from '../../src/simulator/ami/ami-message.js';

describe('simulator AMI message framing', () => {
  it('encodes Key: Value lines with CRLF and a closing blank line', () => {
    expect(
      encodeAmiMessage([
        ['Response', 'Success'],
        ['AccountCode', ''],
      ]),
    ).to.equal('Response: Success\r\nAccountCode: \r\n\r\n');
  });

  it('flattens CR/LF inside a value so it cannot inject headers', () => {
    expect(encodeAmiMessage([['CallerIDName', 'a\r\nEvent: Fake']])).to.equal('CallerIDName: a Event: Fake\r\n\r\n');
  });

  it('parses an action split into single bytes, with CRLF', () => {
    const parser = new AmiActionParser();
    const wire = Buffer.from('Action: Ping\r\nActionID: p-1\r\n\r\n');
    const out = [...wire].flatMap((byte) => parser.push(Buffer.from([byte])));
    expect(out).to.deep.equal([
      [
        ['Action', 'Ping'],
        ['ActionID', 'p-1'],
      ],
    ]);
  });

  it('parses bare-LF actions and several actions in one chunk, skipping stray blank lines', () => {
    const parser = new AmiActionParser();
    const out = parser.push('\r\nAction: Ping\n\nAction: QueueStatus\nQueue: alo153-genel\n\n\n');
    expect(out).to.deep.equal([
      [['Action', 'Ping']],
      [
        ['Action', 'QueueStatus'],
        ['Queue', 'alo153-genel'],
      ],
    ]);
  });

  it('keeps a Turkish value intact when a multi-byte character is split between chunks', () => {
    const parser = new AmiActionParser();
    const wire = Buffer.from('Action: QueueAdd\r\nMemberName: Gülşah Işıkçı\r\n\r\n', 'utf8');
    const cut = wire.indexOf(Buffer.from('ş', 'utf8')) + 1;
    expect(parser.push(wire.subarray(0, cut))).to.deep.equal([]);
    const [action] = parser.push(wire.subarray(cut));
    expect(action && getHeader(action, 'MemberName')).to.equal('Gülşah Işıkçı');
  });

  it('looks headers up case-insensitively, first match, treating empty as absent', () => {
    const msg: Array<[string, string]> = [
      ['actionid', '1'],
      ['ActionID', '2'],
      ['Queue', ''],
    ];
    expect(getHeader(msg, 'ActionID')).to.equal('1');
    expect(getHeader(msg, 'queue')).to.equal(undefined);
    expect(getHeader(msg, 'Member')).to.equal(undefined);
  });

  it('refuses a line that never ends', () => {
    const parser = new AmiActionParser(16);
    expect(() => parser.push('Action: ' + 'x'.repeat(32))).to.throw(AmiLineTooLongError);
  });
});
