// Named crash points for crash tests: a test arms them with TC_CRASH_POINTS (comma-separated) under NODE_ENV=test,
// and the process then dies by SIGKILL exactly there, as a machine losing power would. Anywhere else they are inert.

const armed: ReadonlySet<string> =
  process.env.NODE_ENV === 'test'
    ? new Set(
        (process.env.TC_CRASH_POINTS ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      )
    : new Set();

/** The crash points the code base has, named `<service or component>.<moment>`. */
export type CrashPointName =
  | 'orders.place.after-commit'
  | 'orders.saga.mid-compensation'
  | 'outbox.after-publish-before-mark'
  | 'payments.after-charge-before-record'
  | `consumer.${string}.after-commit`;

export function crashPoint(name: CrashPointName): void {
  if (armed.size === 0 || !armed.has(name)) return;
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL cannot be caught; block until it lands so not one more instruction of this process runs.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
