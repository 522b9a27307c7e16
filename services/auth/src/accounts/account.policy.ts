// Account rules, pure: e-mail normalisation, password policy, role sets and who may change them.
import { ROLES } from '@techcorp/platform';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const USER_ROLES = [ROLES.user, ROLES.admin] as const;
export type UserRole = (typeof USER_ROLES)[number];

// The `email` format of ajv-formats (the contracts validate UserRegistered with it), so every accepted address
// also passes the event's schema.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** A normalised address the platform accepts (RFC 5321 caps a path at 254 characters). */
export const isEmail = (normalised: string): boolean => normalised.length <= 254 && EMAIL.test(normalised);

/** Length in code points, as ajv's minLength/maxLength count. */
const codePoints = (text: string): number => [...text].length;

/** Why a password is refused (a phrase completing "password ..."), or null when it is acceptable. */
export function passwordProblem(password: string, normalisedEmail: string): string | null {
  const length = codePoints(password);
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (normaliseEmail(password) === normalisedEmail) return 'must not be the e-mail address';
  return null;
}

export const normaliseName = (name: string): string => name.trim();

/** Roles in their canonical order, or null when the set is not one a user may hold (USER, optionally ADMIN). */
export function canonicalRoles(roles: readonly string[]): UserRole[] | null {
  const unique = new Set(roles);
  if (unique.size !== roles.length || !unique.has(ROLES.user)) return null;
  if (![...unique].every((r) => (USER_ROLES as readonly string[]).includes(r))) return null;
  return USER_ROLES.filter((r) => unique.has(r));
}

export type RoleChangeVerdict = 'ok' | 'self-demotion';

/** An admin may grant or remove ADMIN on anyone but themselves: removing their own would be irreversible lock-out. */
export function judgeRoleChange(callerId: string, targetId: string, next: readonly string[]): RoleChangeVerdict {
  return callerId === targetId && !next.includes(ROLES.admin) ? 'self-demotion' : 'ok';
}

/** True when the change takes ADMIN away: the user's live sessions must end so their admin tokens stop at once. */
export const losesAdmin = (before: readonly string[], after: readonly string[]): boolean =>
  before.includes(ROLES.admin) && !after.includes(ROLES.admin);
