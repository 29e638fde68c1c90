import { expect } from 'chai';
import { readbackPrompts } from '../../src/ivr/readback.js';
import { shippedIvr } from './ivr-driver.js';

describe('IVR read-back of the ticket number', () => {
  it('says the serial alone in Turkish numerals after the short prefix, and nothing after it (the queue follows)', () => {
    expect(readbackPrompts(shippedIvr, '153-2026-000007')).to.deep.equal(['ticket-number', 'digit-7']);
    expect(readbackPrompts(shippedIvr, '153-2026-012345')).to.deep.equal([
      'ticket-number', 'num-10', 'digit-2', 'num-1000', 'num-300', 'num-40', 'digit-5',
    ]);
  });

  it('says the year, a pause and the serial with readbackYear', () => {
    expect(readbackPrompts({ ...shippedIvr, readbackYear: true }, '153-2026-012345')).to.deep.equal([
      'ticket-number', 'num-2000', 'num-20', 'digit-6', 'pause', 'num-10', 'digit-2', 'num-1000', 'num-300', 'num-40', 'digit-5',
    ]);
  });

  it('ends with the transfer prompt with readbackTransfer', () => {
    expect(readbackPrompts({ ...shippedIvr, readbackTransfer: true }, '153-2026-000007')).to.deep.equal(['ticket-number', 'digit-7', 'transfer-short']);
  });

  it('plays only the transfer prompt without a number', () => {
    expect(readbackPrompts(shippedIvr, null)).to.deep.equal(['transfer-short']);
  });

  it('plays only the transfer prompt for a number with no digits rather than an empty read-back', () => {
    expect(readbackPrompts(shippedIvr, '---')).to.deep.equal(['transfer-short']);
  });

  it('uses the prefix, pause and transfer prompts of the definition', () => {
    const def = { ...shippedIvr, readbackYear: true, readbackTransfer: true, prompts: { ...shippedIvr.prompts, ticketPrefix: 'no', pause: 'sus', transfer: 'git' } };
    expect(readbackPrompts(def, '153-2026-000100')).to.deep.equal(['no', 'num-2000', 'num-20', 'digit-6', 'sus', 'num-100', 'git']);
  });
});
