// Bad request bodies and paths for every auth route, each with the field its 400 must name (tests only).
import { PASSWORD } from './auth-harness.ts';

export interface BadInput {
  name: string;
  method: string;
  url: string;
  body?: unknown;
  authenticated?: boolean;
  field: string;
}

export const long = (n: number, ch = 'a') => ch.repeat(n);
export const VALID_REGISTRATION = { email: 'valid@example.com', password: PASSWORD, name: 'Valid Name' };
const TOKEN = 'A'.repeat(43);

export const BAD_INPUTS: BadInput[] = [
  { name: 'register: empty body', method: 'POST', url: '/api/auth/register', body: {}, field: 'email' },
  {
    name: 'register: email not a string',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, email: 5 },
    field: 'email',
  },
  {
    name: 'register: email malformed',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, email: 'not-an-email' },
    field: 'email',
  },
  {
    name: 'register: email too long',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, email: `${long(310)}@example.com` },
    field: 'email',
  },
  {
    name: 'register: password missing',
    method: 'POST',
    url: '/api/auth/register',
    body: { email: VALID_REGISTRATION.email, name: VALID_REGISTRATION.name },
    field: 'password',
  },
  {
    name: 'register: password short',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, password: 'short' },
    field: 'password',
  },
  {
    name: 'register: password too long',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, password: long(129) },
    field: 'password',
  },
  {
    name: 'register: password is the email',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, password: ' VALID@example.com' },
    field: 'password',
  },
  {
    name: 'register: name empty',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, name: '' },
    field: 'name',
  },
  {
    name: 'register: name blank',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, name: '   ' },
    field: 'name',
  },
  {
    name: 'register: name with a newline',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, name: 'a\nb' },
    field: 'name',
  },
  {
    name: 'register: name too long',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, name: long(121) },
    field: 'name',
  },
  {
    name: 'register: roles smuggled in',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, roles: ['ADMIN'] },
    field: 'roles',
  },
  {
    name: 'register: id smuggled in',
    method: 'POST',
    url: '/api/auth/register',
    body: { ...VALID_REGISTRATION, id: crypto.randomUUID() },
    field: 'id',
  },
  { name: 'register: body not an object', method: 'POST', url: '/api/auth/register', body: ['x'], field: 'body' },
  {
    name: 'login: password missing',
    method: 'POST',
    url: '/api/auth/login',
    body: { email: VALID_REGISTRATION.email },
    field: 'password',
  },
  {
    name: 'login: password huge',
    method: 'POST',
    url: '/api/auth/login',
    body: { email: VALID_REGISTRATION.email, password: long(1025) },
    field: 'password',
  },
  {
    name: 'login: extra field',
    method: 'POST',
    url: '/api/auth/login',
    body: { email: VALID_REGISTRATION.email, password: PASSWORD, remember: true },
    field: 'remember',
  },
  {
    name: 'login/mfa: token malformed',
    method: 'POST',
    url: '/api/auth/login/mfa',
    body: { mfa_token: 'abc', code: '123456' },
    field: 'mfa_token',
  },
  {
    name: 'login/mfa: code of 5 digits',
    method: 'POST',
    url: '/api/auth/login/mfa',
    body: { mfa_token: TOKEN, code: '12345' },
    field: 'code',
  },
  {
    name: 'login/mfa: code not digits',
    method: 'POST',
    url: '/api/auth/login/mfa',
    body: { mfa_token: TOKEN, code: 'abcdef' },
    field: 'code',
  },
  {
    name: 'login/mfa: recovery code charset',
    method: 'POST',
    url: '/api/auth/login/mfa',
    body: { mfa_token: TOKEN, recovery_code: '0000-1111-8888-9999' },
    field: 'recovery_code',
  },
  { name: 'refresh: token missing', method: 'POST', url: '/api/auth/refresh', body: {}, field: 'refresh_token' },
  {
    name: 'refresh: a JWT is no refresh token',
    method: 'POST',
    url: '/api/auth/refresh',
    body: { refresh_token: 'a.b.c' },
    field: 'refresh_token',
  },
  {
    name: 'refresh: extra field',
    method: 'POST',
    url: '/api/auth/refresh',
    body: { refresh_token: TOKEN, user_id: 'x' },
    field: 'user_id',
  },
  {
    name: 'password: new missing',
    method: 'POST',
    url: '/api/auth/password',
    body: { current_password: PASSWORD },
    authenticated: true,
    field: 'new_password',
  },
  {
    name: 'password: extra field',
    method: 'POST',
    url: '/api/auth/password',
    body: { current_password: PASSWORD, new_password: 'another long password', user_id: 'x' },
    authenticated: true,
    field: 'user_id',
  },
  {
    name: 'mfa verify: code missing',
    method: 'POST',
    url: '/api/auth/mfa/totp/verify',
    body: {},
    authenticated: true,
    field: 'code',
  },
  {
    name: 'mfa verify: code of 7 digits',
    method: 'POST',
    url: '/api/auth/mfa/totp/verify',
    body: { code: '1234567' },
    authenticated: true,
    field: 'code',
  },
  {
    name: 'mfa disable: code a number',
    method: 'DELETE',
    url: '/api/auth/mfa/totp',
    body: { code: 123456 },
    authenticated: true,
    field: 'code',
  },
  {
    name: 'session delete: id not a uuid',
    method: 'DELETE',
    url: '/api/auth/sessions/not-a-uuid',
    authenticated: true,
    field: 'id',
  },
  { name: 'oauth: grant_type missing', method: 'POST', url: '/api/auth/oauth/token', body: {}, field: 'grant_type' },
  {
    name: 'oauth: scope malformed',
    method: 'POST',
    url: '/api/auth/oauth/token',
    body: { grant_type: 'client_credentials', scope: 'a  b' },
    field: 'scope',
  },
];
