// `npm run demo:load`: loads the demo catalog into a running platform through its gateway, logged in as an admin
// (ADMIN_EMAIL / ADMIN_PASSWORD, e.g. the bootstrap admin; GATEWAY_URL defaults to http://127.0.0.1:8080).
import { serviceUrl } from '@techcorp/platform';
import { loadDemoData } from './demo-loader.ts';

const email = process.env.ADMIN_EMAIL;
const password = process.env.ADMIN_PASSWORD;
if (!email || !password) {
  console.error('demo:load needs ADMIN_EMAIL and ADMIN_PASSWORD of an admin account');
  process.exit(2);
}
const gateway = serviceUrl('gateway');
const login = await fetch(`${gateway}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email, password }),
});
const session = (await login.json()) as { access_token?: string; mfa_required?: boolean };
if (!login.ok || !session.access_token) {
  console.error(`login failed (${login.status})${session.mfa_required ? ': this account needs MFA' : ''}`);
  process.exit(1);
}
const authorization = `Bearer ${session.access_token}`;
await loadDemoData({ catalogUrl: gateway, inventoryUrl: gateway, authorize: () => ({ authorization }) });
