import { expect } from 'chai';
import { readbackPrompts } from '../../src/ivr/readback.js';
import { shippedIvr } from './ivr-driver.js';

describe('IVR read-back of the ticket number', () => {
  it('reads every digit, leading zeros included, with a pause between the printed groups', () => {
    expect(readbackPrompts(shippedIvr, '153-2026-000007')).to.deep.equal([
      'ticket-prefix',
      'digit-1', 'digit-5', 'digit-3', 'pause',
      'digit-2', 'digit-0', 'digit-2', 'digit-6', 'pause',
      'digit-0', 'digit-0', 'digit-0', 'digit-0', 'digit-0', 'digit-7',
      'ticket-suffix', 'transfer',
    ]);
  });

  it('plays only the transfer prompt without a number', () => {
    expect(readbackPrompts(shippedIvr, null)).to.deep.equal(['transfer']);
  });

  it('plays only the transfer prompt for a number with no digits rather than an empty read-back', () => {
    expect(readbackPrompts(shippedIvr, '---')).to.deep.equal(['transfer']);
  });

  it('uses the digit template and pause prompt of the definition', () => {
    const def = { ...shippedIvr, prompts: { ...shippedIvr.prompts, digitTemplate: 'rakam/{d}', pause: 'sus' } };
    expect(readbackPrompts(def, '1-2')).to.deep.equal(['ticket-prefix', 'rakam/1', 'sus', 'rakam/2', 'ticket-suffix', 'transfer']);
  });
});
