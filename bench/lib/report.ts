// Console tables and the JSON results file (figures, date, machine, settings).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { InvariantResult } from './invariants.ts';
import type { PhaseFigures } from './phase-report.ts';
import type { Summary } from './stats.ts';

export function machineInfo() {
  const list = cpus();
  return {
    nproc: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const cell = (value: string | number | null | undefined, width = 8) =>
  (value === null || value === undefined ? '-' : String(value)).padStart(width);

export function latencyRow(label: string, s: Summary, width = 22): string {
  return `${label.padEnd(width)}${cell(s.count)}${cell(s.p50)}${cell(s.p95)}${cell(s.p99)}${cell(s.max)}`;
}

export function latencyHeader(label: string, width = 22): string {
  return `${label.padEnd(width)}${cell('n')}${['p50', 'p95', 'p99', 'max'].map((h) => h.padStart(8)).join('')}`;
}

const errorsText = (errors: Record<string, number>) =>
  Object.entries(errors)
    .map(([kind, n]) => `${kind} x${n}`)
    .join(', ') || 'none';

export function printPhase(f: PhaseFigures): void {
  console.log(`\n== ${f.name}: ${f.load} for ${f.durationS} s`);
  console.log(
    `   sent ${f.sent}   accepted ${f.accepted} (${f.acceptedPerS}/s)   CONFIRMED ${f.confirmed} ` +
      `(completed ${f.completedPerS}/s)   FAILED ${f.failed}   CANCELLED ${f.cancelled}   no outcome ${f.noOutcome}`,
  );
  console.log(`   ${latencyHeader('latency (ms)')}`);
  console.log(`   ${latencyRow('POST answer', f.postAnswerMs)}`);
  console.log(`   ${latencyRow('POST -> CONFIRMED', f.toConfirmedMs)}`);
  console.log(`   ${latencyRow('POST -> terminal', f.toTerminalMs)}`);
  console.log(`   errors: ${errorsText(f.errors)}`);
  if (f.failed + f.cancelled > 0) console.log(`   FAILED/CANCELLED because: ${errorsText(f.failureReasons)}`);
  if (f.timelineP50Ms) {
    const steps = Object.entries(f.timelineP50Ms).map(([type, ms]) => `${type} ${ms}`);
    console.log(`   p50 ms after the POST at which each message passed the bus: ${steps.join(' -> ')}`);
  }
  const r = f.resources;
  if (!r) return;
  const cpu = Object.entries(r.cpuPctOfOneCore)
    .sort(([, a], [, b]) => b - a)
    .map(([group, pct]) => `${group} ${pct}%`)
    .join(', ');
  const queues = Object.entries(r.maxQueueDepth)
    .map(([q, n]) => `${q} ${n}`)
    .join(', ');
  console.log(`   machine busy ${r.machineBusyPct}% of all cores; CPU (% of one core): ${cpu}`);
  const perOrder = r.postgresCommits === null || f.accepted === 0 ? '-' : Math.round(r.postgresCommits / f.accepted);
  console.log(
    `   over ${r.seconds} s (run + drain): PostgreSQL ${r.postgresCommitsPerS ?? '-'} commits/s (${perOrder} per ` +
      `order); platform CPU ${f.platformCpuMsPerOrder ?? '-'} ms per order; max queue depth: ${queues || '-'}`,
  );
}

export function printSummary(phases: PhaseFigures[]): void {
  console.log(
    '\n| phase | load | accepted/s | completed/s | POST p50/p95/p99 ms | CONFIRMED p50/p95/p99 ms | errors |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const trio = (s: Summary) => `${s.p50 ?? '-'} / ${s.p95 ?? '-'} / ${s.p99 ?? '-'}`;
  for (const f of phases)
    console.log(
      `| ${f.name} | ${f.load} | ${f.acceptedPerS} | ${f.completedPerS} | ${trio(f.postAnswerMs)} | ` +
        `${trio(f.toConfirmedMs)} | ${errorsText(f.errors)} |`,
    );
}

export function printInvariants(results: InvariantResult[]): boolean {
  console.log('\ninvariants (all must be 0):');
  let ok = true;
  for (const r of results) {
    const verdict = r.violations === null ? `not checked (${r.note})` : r.violations === 0 ? 'ok' : 'FAILED';
    if (r.violations !== null && r.violations !== 0) ok = false;
    console.log(`   ${r.name.padEnd(72)} ${cell(r.violations, 6)}  ${verdict}`);
  }
  return ok;
}

export function writeResults(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`\nresults written to ${file}`);
}

/** `bench/results/<kind>-<start time>.json` unless `--out` names a file. */
export function resultsFile(kind: string, explicit: string | undefined, started: Date): string {
  if (explicit) return explicit;
  const stamp = started.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return new URL(`../results/${kind}-${stamp}.json`, import.meta.url).pathname;
}
