// Runs async jobs one at a time, in call order; a failing job does not stop the ones queued after it.

export type SerialQueue = <T>(job: () => Promise<T>) => Promise<T>;

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (job) => {
    const result = tail.then(job);
    tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
}
