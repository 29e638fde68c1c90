import { expect } from 'chai';
import { logFormat } from '../../src/logging/logger.js';
import { MAX_REDACT_DEPTH } from '../../src/logging/redact-value.js';
import { capturingLogger } from '../support/capturing-logger.js';

const PHONE = '0532 123 45 67';
const NATIONAL_ID = '10000000146';

describe('KVKK log format', () => {
  it('masks numbers in nested objects and arrays, however they are written', () => {
    const { logger, lines, raw } = capturingLogger({ format: logFormat() });
    logger.info('pop delivered', { call: { caller: { number: PHONE, ids: [NATIONAL_ID, { tc: NATIONAL_ID }] } }, numbers: ['+90 532 123 45 67', 905321234567] });
    const line = lines()[0]!;
    expect(line.call).to.deep.equal({ caller: { number: '*********67', ids: ['*********46', { tc: '*********46' }] } });
    expect(line.numbers).to.deep.equal(['**********67', '**********67']);
    expect(raw()).not.to.match(/123 ?45|5321234|000000014/);
  });

  it('masks the message and stack of errors, top-level and nested, and their causes', () => {
    const { logger, raw, lines } = capturingLogger({ format: logFormat() });
    const failure = new Error(`no ticket for ${PHONE}`, { cause: new Error(`caller ${NATIONAL_ID}`) });
    logger.error(failure);
    logger.error('write failed', { error: failure, attempts: [{ error: new TypeError(`bad number 05321234567`) }] });
    logger.warn('retrying', failure);
    expect(raw()).not.to.match(/123 45|5321234567|10000000146/);
    const [top, nested, merged] = lines();
    expect(top!.message).to.equal('no ticket for *********67');
    expect(String(top!.stack)).to.match(/^Error: no ticket for \*{9}67/);
    const error = nested!.error as Record<string, unknown>;
    expect(error).to.deep.include({ name: 'Error', message: 'no ticket for *********67' });
    expect((error.cause as Record<string, unknown>).message).to.equal('caller *********46');
    expect(((nested!.attempts as Array<Record<string, Record<string, unknown>>>)[0]!.error!).message).to.equal('bad number *********67');
    expect(merged!.message).to.equal('retrying no ticket for *********67');
  });

  it('never changes the objects it was given', () => {
    const { logger } = capturingLogger({ format: logFormat() });
    const meta = { caller: { number: PHONE, history: [{ phone: '05321234567' }] } };
    const copy = structuredClone(meta);
    logger.info('ticket read', meta);
    const info = { level: 'info', message: `from ${PHONE}`, caller: { number: PHONE } };
    logger.log(info);
    expect(meta).to.deep.equal(copy);
    expect(info.message).to.equal(`from ${PHONE}`);
    expect(info.caller.number).to.equal(PHONE);
  });

  it('writes a cycle as [Circular] and keeps an object seen twice side by side', () => {
    const { logger, lines } = capturingLogger({ format: logFormat() });
    const call: Record<string, unknown> = { number: PHONE };
    call.self = call;
    const shared = { number: PHONE };
    logger.info('cycle', { call, pair: [shared, shared] });
    const line = lines()[0]!;
    expect(line.call).to.deep.equal({ number: '*********67', self: '[Circular]' });
    expect(line.pair).to.deep.equal([{ number: '*********67' }, { number: '*********67' }]);
  });

  it('stops at a bounded depth without writing what lies deeper', () => {
    const { logger, raw } = capturingLogger({ format: logFormat() });
    let deep: Record<string, unknown> = { number: PHONE };
    for (let i = 0; i < MAX_REDACT_DEPTH + 5; i += 1) deep = { next: deep };
    logger.info('deep', { deep });
    expect(raw()).to.include('[Object]');
    expect(raw()).not.to.include('67"');
  });

  it('keeps ids, times and counters as they were', () => {
    const { logger, lines } = capturingLogger({ format: logFormat() });
    const at = new Date('2026-12-03T09:15:00.000Z');
    logger.info('call ended', { uniqueid: '1795888883.12', ticket: '153-2026-000001', callId: '9b2f6a53-4c1e-4f3a-8d2b-905321234567', at, waitMs: 8000, port: 5038, epochMs: 1795888883123 });
    expect(lines()[0]).to.deep.include({ uniqueid: '1795888883.12', ticket: '153-2026-000001', callId: '9b2f6a53-4c1e-4f3a-8d2b-905321234567', at: '2026-12-03T09:15:00.000Z', waitMs: 8000, port: 5038, epochMs: 1795888883123 });
  });
});
