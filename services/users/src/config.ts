// Users settings from the environment, checked at boot: a bad value stops the service and names the variable.
import { CURRENCIES } from '@techcorp/contracts';
import { ConfigError, type Env, intFromEnv, stringFromEnv } from '@techcorp/platform';
import { LANGUAGE_PATTERN } from './http/schemas.ts';

export interface UsersConfig {
  /** USERS_PROFILE_CACHE_TTL_MS: how long a cached profile view lives (a change invalidates it at once). */
  profileCacheTtlMs: number;
  /** USERS_DEFAULT_LANGUAGE: the language of a new profile's preferences (BCP 47, e.g. pt-BR). */
  defaultLanguage: string;
  /** USERS_DEFAULT_CURRENCY: the currency of a new profile's preferences (one of the platform's currencies). */
  defaultCurrency: string;
}

export function usersConfig(env: Env): UsersConfig {
  const defaultLanguage = stringFromEnv(env, 'USERS_DEFAULT_LANGUAGE', 'pt-BR');
  if (!new RegExp(LANGUAGE_PATTERN).test(defaultLanguage)) {
    throw new ConfigError('USERS_DEFAULT_LANGUAGE must be a language tag such as en or pt-BR');
  }
  const defaultCurrency = stringFromEnv(env, 'USERS_DEFAULT_CURRENCY', 'BRL');
  if (!(CURRENCIES as readonly string[]).includes(defaultCurrency)) {
    throw new ConfigError(`USERS_DEFAULT_CURRENCY must be one of ${CURRENCIES.join(', ')}`);
  }
  return {
    profileCacheTtlMs: intFromEnv(env, 'USERS_PROFILE_CACHE_TTL_MS', 600_000, { min: 1_000, max: 86_400_000 }),
    defaultLanguage,
    defaultCurrency,
  };
}
