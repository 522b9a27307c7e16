// Account rules: e-mail normalisation, password policy, role sets and role-change verdicts.
import { describe, expect, it } from 'vitest';
import {
  canonicalRoles,
  isEmail,
  judgeRoleChange,
  losesAdmin,
  normaliseEmail,
  normaliseName,
  passwordProblem,
} from './account.policy.ts';

describe('e-mail addresses', () => {
  it('are trimmed and lower-cased', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.COM \t')).toBe('ada.lovelace@example.com');
  });
  it.each(['ada@example.com', 'a.b+tag@sub.example.co.uk', "o'neil@example.org"])('accepts %s', (email) => {
    expect(isEmail(email)).toBe(true);
  });
  it.each(['', 'ada', 'ada@', '@example.com', 'ada@example', 'a b@example.com', 'ada@@example.com', 'ada@-x.com'])(
    'refuses %j',
    (email) => expect(isEmail(email)).toBe(false),
  );
  it('refuses addresses over 254 characters', () => {
    expect(isEmail(`${'a'.repeat(64)}@${'b'.repeat(180)}.example.com`)).toBe(false);
  });
});

describe('passwords', () => {
  it('must have 12 to 128 characters, counted as code points', () => {
    expect(passwordProblem('a'.repeat(11), 'x@example.com')).toBe('must be at least 12 characters');
    expect(passwordProblem('a'.repeat(12), 'x@example.com')).toBeNull();
    expect(passwordProblem('a'.repeat(128), 'x@example.com')).toBeNull();
    expect(passwordProblem('a'.repeat(129), 'x@example.com')).toBe('must be at most 128 characters');
    // Six emoji are twelve UTF-16 units but six characters.
    expect(passwordProblem('🔑'.repeat(6), 'x@example.com')).toBe('must be at least 12 characters');
  });
  it('must not be the e-mail address, in any case or spacing', () => {
    expect(passwordProblem(' Someone@Example.com ', 'someone@example.com')).toBe('must not be the e-mail address');
    expect(passwordProblem('someone@example.com!', 'someone@example.com')).toBeNull();
  });
});

describe('names', () => {
  it('are trimmed', () => expect(normaliseName('  Ada Lovelace ')).toBe('Ada Lovelace'));
});

describe('role sets', () => {
  it('always contain USER, may add ADMIN, and come out in canonical order', () => {
    expect(canonicalRoles(['USER'])).toEqual(['USER']);
    expect(canonicalRoles(['ADMIN', 'USER'])).toEqual(['USER', 'ADMIN']);
  });
  it.each([[['ADMIN']], [[]], [['USER', 'USER']], [['USER', 'SERVICE']], [['ROOT']]])('refuses %j', (roles) => {
    expect(canonicalRoles(roles)).toBeNull();
  });
});

describe('given an admin changing roles', () => {
  const ME = '0190aaaa-0000-7000-8000-000000000001';
  const OTHER = '0190aaaa-0000-7000-8000-000000000002';
  it('when they remove their own ADMIN, then it is a self-demotion', () => {
    expect(judgeRoleChange(ME, ME, ['USER'])).toBe('self-demotion');
  });
  it('when they keep their own ADMIN or change someone else, then it is allowed', () => {
    expect(judgeRoleChange(ME, ME, ['USER', 'ADMIN'])).toBe('ok');
    expect(judgeRoleChange(ME, OTHER, ['USER'])).toBe('ok');
  });
  it('when ADMIN goes away, then the target loses admin (sessions must end)', () => {
    expect(losesAdmin(['USER', 'ADMIN'], ['USER'])).toBe(true);
    expect(losesAdmin(['USER'], ['USER', 'ADMIN'])).toBe(false);
    expect(losesAdmin(['USER', 'ADMIN'], ['USER', 'ADMIN'])).toBe(false);
  });
});
