-- Auth: accounts, refresh-token families (sessions), TOTP MFA, signing keys and OAuth clients.
-- Secrets are stored only as digests (refresh tokens, recovery codes, client secrets), as argon2id hashes
-- (passwords) or sealed with AES-256-GCM under AUTH_KEY_ENCRYPTION_KEY (private keys, TOTP seeds).

CREATE TABLE users (
  id UUID PRIMARY KEY,
  email TEXT NOT NULL UNIQUE CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  password_hash TEXT NOT NULL,
  roles TEXT[] NOT NULL DEFAULT ARRAY['USER']::text[]
    CHECK ('USER' = ANY (roles) AND roles <@ ARRAY['USER', 'ADMIN']::text[]),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A session is one refresh-token family: every rotation adds a token to it; reuse of a spent one revokes it.
CREATE TABLE sessions (
  id UUID PRIMARY KEY,
  user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL,
  last_used_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ,
  revoked_reason TEXT
    CHECK (revoked_reason IN ('logout', 'deleted', 'refresh-token-reuse', 'password-changed', 'admin-role-removed')),
  user_agent TEXT CHECK (length(user_agent) <= 512),
  ip TEXT CHECK (length(ip) <= 64),
  CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_live_by_user ON sessions (user_id, last_used_at DESC) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  issued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  used_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);
-- A family has at most one unspent token: the newest.
CREATE UNIQUE INDEX refresh_tokens_one_live_per_session ON refresh_tokens (session_id) WHERE used_at IS NULL;

-- enabled_at NULL = enrolment started, not yet confirmed with a code. last_used_step: a code's 30 s step is
-- accepted once, so a replayed code fails.
CREATE TABLE mfa_totp (
  user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret_sealed TEXT NOT NULL,
  enabled_at TIMESTAMPTZ,
  last_used_step BIGINT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE mfa_recovery_codes (
  user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  used_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, code_hash)
);

-- active signs; retiring no longer signs but stays published until retire_after (every token it signed has
-- expired); retired is unpublished. Private keys of non-active keys are erased: they never sign again.
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('active', 'retiring', 'retired')),
  public_jwk JSONB NOT NULL,
  private_key_sealed TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  rotated_at TIMESTAMPTZ,
  retire_after TIMESTAMPTZ,
  retired_at TIMESTAMPTZ,
  CHECK (state <> 'active' OR private_key_sealed IS NOT NULL),
  CHECK (state = 'active' OR (rotated_at IS NOT NULL AND retire_after IS NOT NULL AND private_key_sealed IS NULL))
);
-- Several instances booting at once cannot create two active keys.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE state = 'active';

CREATE TABLE oauth_clients (
  id TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  secret_hash TEXT NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  roles TEXT[] NOT NULL CHECK ('SERVICE' = ANY (roles)),
  scopes TEXT[] NOT NULL DEFAULT '{}',
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
