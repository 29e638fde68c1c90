import { expect } from 'chai';
import { cut } from '../../src/simulator/pbx/dialplan-functions.js';

describe('Simulator dialplan: CUT() as func_cut.c', () => {
  it('picks one field, 1-based, at the given delimiter', () => {
    expect(cut('c-42/153-2026-000001', '/', '1')).to.equal('c-42');
    expect(cut('c-42/153-2026-000001', '/', '2')).to.equal('153-2026-000001');
  });

  it('gives nothing for a field past the end or an empty variable', () => {
    expect(cut('c-42', '/', '2')).to.equal('');
    expect(cut('', '/', '1')).to.equal('');
  });

  it('takes ranges and groups, joined again with the delimiter; - by default', () => {
    expect(cut('153-2026-000001', '', '2-')).to.equal('2026-000001');
    expect(cut('a/b/c/d', '/', '-2')).to.equal('a/b');
    expect(cut('a/b/c/d', '/', '1&3-4')).to.equal('a/c/d');
  });

  it('refuses a range-spec that is not one', () => {
    expect(cut('a/b', '/', 'x')).to.equal(undefined);
    expect(cut('a/b', '/', '0')).to.equal(undefined);
  });
});
