// Crash-test helpers: arm a crash point in a fresh instance of a service, wait for it to die, replace it.
import { expect } from 'vitest';
import type { ProcessPlatform, RunningProcess, ServiceName } from '../../../runner/src/process-platform.ts';
import { http } from './http.ts';

export async function stop(p: RunningProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    p.child.once('exit', () => resolve());
    p.child.kill(signal);
  });
}

/** Replaces every running instance of `service` with one armed to die at `point`. */
export async function arm(platform: ProcessPlatform, service: ServiceName, point: string): Promise<RunningProcess> {
  for (const p of platform.instances(service)) await stop(p);
  const armed = await platform.start(service, { NODE_ENV: 'test', TC_CRASH_POINTS: point });
  platform.urls[service] = armed.url;
  return armed;
}

/** Waits (bounded) until the armed process died by SIGKILL, then starts a healthy replacement. */
export async function expectCrashThenRestart(
  platform: ProcessPlatform,
  armed: RunningProcess,
): Promise<RunningProcess> {
  const until = Date.now() + 30_000;
  while (armed.child.signalCode === null && armed.child.exitCode === null && Date.now() < until)
    await new Promise((r) => setTimeout(r, 25));
  expect(armed.child.signalCode, `${armed.service} should have died at its crash point`).toBe('SIGKILL');
  const replacement = await platform.start(armed.service);
  platform.urls[armed.service] = replacement.url;
  return replacement;
}

export async function movements(platform: ProcessPlatform, productId: string) {
  const res = await http(`${platform.urls.inventory}/api/inventory/${productId}/movements?limit=100`, { admin: true });
  expect(res.status).toBe(200);
  return res.body.items as { kind: string; quantity: number; order_id: string | null }[];
}

export async function providerRecord(platform: ProcessPlatform, orderId: string) {
  const charges = (await http(`${platform.urls['payment-provider']}/v1/charges`)).body.data as {
    id: string;
    status: string;
    metadata?: { order_id?: string };
  }[];
  const mine = charges.filter((c) => c.metadata?.order_id === orderId && c.status === 'succeeded');
  const refunds = (await http(`${platform.urls['payment-provider']}/v1/refunds`)).body.data as { charge: string }[];
  return { charges: mine.length, refunds: refunds.filter((r) => mine.some((c) => c.id === r.charge)).length };
}
