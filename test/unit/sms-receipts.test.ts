import { expect } from 'chai';
import { parseReceipt } from '../../src/relay/sms/receipts.js';
import { submitVerdict } from '../../src/relay/sms/smpp-types.js';

describe('sms receipts and submit statuses', () => {
  it('reads an Appendix B receipt text', () => {
    const text = 'id:00000000a1 sub:001 dlvrd:001 submit date:2612031015 done date:2612031016 stat:DELIVRD err:000 text:';
    expect(parseReceipt({ esmClass: 0x04, text })).to.deep.equal({ messageId: '00000000a1', stat: 'DELIVRD', outcome: 'delivered' });
    expect(parseReceipt({ esmClass: 0x04, text: text.replace('DELIVRD', 'UNDELIV').replace('err:000', 'err:001') })).to.deep.equal({ messageId: '00000000a1', stat: 'UNDELIV', outcome: 'undeliverable', error: '001' });
  });

  it('prefers receipted_message_id and message_state over the text', () => {
    expect(parseReceipt({ esmClass: 0x04, text: 'id:wrong stat:DELIVRD', receiptedMessageId: 'right', messageState: 5 })).to.include({ messageId: 'right', stat: 'UNDELIV', outcome: 'undeliverable' });
    expect(parseReceipt({ esmClass: 0x04, text: '', receiptedMessageId: 'x', messageState: 6 })).to.include({ outcome: 'pending' });
  });

  it('ignores a mobile-originated deliver_sm and a receipt without an id', () => {
    expect(parseReceipt({ esmClass: 0x00, text: 'id:1 stat:DELIVRD' })).to.equal(undefined);
    expect(parseReceipt({ esmClass: 0x04, text: 'stat:DELIVRD' })).to.equal(undefined);
  });

  it('retries throttling and queue-full with a pause, fails invalid addresses for good', () => {
    expect([0x00, 0x58, 0x14, 0x08, 0x0b, 0x0a, 0x01].map(submitVerdict)).to.deep.equal(['accepted', 'slow-down', 'slow-down', 'retry', 'permanent', 'permanent', 'permanent']);
  });
});
