// A hard stop for a whole benchmark run, so a wedged server can never keep it running: every run ends by itself.

/** Once `seconds` have passed: runs `onExpire` (kill the started services), then exits the process with code 3. */
export function startWatchdog(seconds: number, onExpire: () => void): void {
  const timer = setTimeout(() => {
    console.error(`\nwatchdog: the run exceeded ${seconds} s and was stopped`);
    onExpire();
    process.exit(3);
  }, seconds * 1000);
  timer.unref();
}
