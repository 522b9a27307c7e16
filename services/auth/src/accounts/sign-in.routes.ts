// HTTP for registration and sign-in (public): register, login, and the login's MFA step.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { clientIpOf } from '../caller.ts';
import type { AuthDeps } from '../deps.ts';
import {
  EmailInput,
  NameInput,
  NO_STORE,
  OpaqueToken,
  PasswordInput,
  SessionTokens,
  TotpCode,
} from '../http-schemas.ts';
import { RECOVERY_CODE_INPUT } from '../mfa/totp.ts';
import { deviceOf } from '../sessions/session.policy.ts';
import { createSignIn, type SignInResult } from './sign-in.ts';

const RegisterBody = Type.Object(
  { email: EmailInput, password: PasswordInput, name: NameInput },
  { additionalProperties: false },
);
const LoginBody = Type.Object({ email: EmailInput, password: PasswordInput }, { additionalProperties: false });
const MfaBody = Type.Object(
  {
    mfa_token: OpaqueToken,
    code: Type.Optional(TotpCode),
    recovery_code: Type.Optional(Type.String({ pattern: RECOVERY_CODE_INPUT })),
  },
  { additionalProperties: false },
);
const MfaRequired = Type.Object({
  mfa_required: Type.Literal(true),
  mfa_token: Type.String(),
  expires_in: Type.Integer(),
});
const SignInResponse = Type.Union([SessionTokens, MfaRequired]);

function body(result: SignInResult) {
  if (result.kind === 'mfa')
    return { mfa_required: true as const, mfa_token: result.mfa_token, expires_in: result.expires_in };
  const { kind: _kind, ...tokens } = result;
  return tokens;
}

export const signInRoutes: FastifyPluginAsyncTypebox<AuthDeps> = async (app, deps) => {
  const signIn = createSignIn(deps);
  const device = async (request: Parameters<typeof clientIpOf>[1]) => {
    const ip = await clientIpOf(deps.auth, request);
    return { ip, device: deviceOf(request.headers['user-agent'], ip) };
  };

  app.post(
    '/api/auth/register',
    { schema: { body: RegisterBody, response: { 201: SessionTokens } } },
    async (request, reply) => {
      const caller = await device(request);
      const result = await signIn.register(request.body, caller.device);
      return reply.code(201).headers(NO_STORE).send(result);
    },
  );

  app.post(
    '/api/auth/login',
    { schema: { body: LoginBody, response: { 200: SignInResponse } } },
    async (request, reply) => {
      const caller = await device(request);
      const result = await signIn.withPassword(reply, request.body, caller.device, caller.ip);
      return reply.headers(NO_STORE).send(body(result));
    },
  );

  app.post(
    '/api/auth/login/mfa',
    { schema: { body: MfaBody, response: { 200: SessionTokens } } },
    async (request, reply) => {
      const caller = await device(request);
      const result = await signIn.withSecondFactor(reply, request.body, caller.device, caller.ip);
      return reply.headers(NO_STORE).send(result);
    },
  );
};
