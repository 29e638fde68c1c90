import { expect } from 'chai';
import { afterLoginPath } from '../../src/web/assets/login.js';

describe('login: where to go after signing in', () => {
  const origin = 'https://alo153.example';

  it('sends each role to its own page when there is no next', () => {
    expect(afterLoginPath('agent', null, origin)).to.equal('/desk');
    expect(afterLoginPath('supervisor', null, origin)).to.equal('/wallboard');
    expect(afterLoginPath('admin', null, origin)).to.equal('/wallboard');
    expect(afterLoginPath('department', null, origin)).to.equal('/desk');
  });

  it('falls back to the role’s own page when next could leave the site', () => {
    expect(afterLoginPath('agent', '//evil.example/desk', origin)).to.equal('/desk');
    expect(afterLoginPath('supervisor', 'https://evil.example/wallboard', origin)).to.equal('/wallboard');
  });

  it('follows a next the role may open, keeping its query', () => {
    expect(afterLoginPath('agent', '/desk', origin)).to.equal('/desk');
    expect(afterLoginPath('supervisor', '/desk', origin)).to.equal('/desk');
    expect(afterLoginPath('admin', '/wallboard?lang=en', origin)).to.equal('/wallboard?lang=en');
  });

  it('sends an agent asked to open the wallboard to the desk instead', () => {
    for (const next of ['/wallboard', '/wallboard?lang=en', '/Wallboard/', '/wallboard#top']) {
      expect(afterLoginPath('agent', next, origin), next).to.equal('/desk');
    }
  });

  it('sends a department user asked to open the wallboard to the desk instead', () => {
    expect(afterLoginPath('department', '/wallboard', origin)).to.equal('/desk');
    expect(afterLoginPath('department', '/desk?lang=en', origin)).to.equal('/desk?lang=en');
  });

  it('has no page for unknown roles, whatever next says', () => {
    for (const role of ['', 'constructor', 'Department']) {
      for (const next of [null, '/desk', '/wallboard']) {
        expect(afterLoginPath(role, next, origin), `${role} ${String(next)}`).to.equal(null);
      }
    }
  });
});
