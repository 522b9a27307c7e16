// Specifications of after-commit work: values recorded in a message's handler are handed over once, only when that
// message's own commit nudges, and not at all once reset.
import { describe, expect, it } from 'vitest';
import { runWithContext } from '../context.ts';
import { createAfterCommit } from './after-commit.ts';

const inMessage = (messageId: string, fn: () => void) =>
  runWithContext({ correlationId: 'c', causationId: messageId, traceparent: null }, fn);

describe('after-commit values', () => {
  it('given values recorded for m1, when m1 commits, then they are handed over once, repeats counted once', () => {
    const handed: string[][] = [];
    const after = createAfterCommit<string>((values) => handed.push(values));
    after.record('m1', 'alice');
    after.record('m1', 'bob');
    after.record('m1', 'alice');
    inMessage('m1', () => after.relay.nudge());
    inMessage('m1', () => after.relay.nudge());
    expect(handed).toEqual([['alice', 'bob']]);
  });

  it("given values for m1, when another message commits, then m1's wait for m1's own commit", () => {
    const handed: number[][] = [];
    const after = createAfterCommit<number>((values) => handed.push(values));
    after.record('m1', 0.25);
    inMessage('m2', () => after.relay.nudge());
    after.relay.nudge(); // outside any message
    expect(handed).toEqual([]);
    inMessage('m1', () => after.relay.nudge());
    expect(handed).toEqual([[0.25]]);
  });

  it('given a handler that rolled back and was reset, when the message commits later, then nothing is handed over', () => {
    const handed: string[][] = [];
    const after = createAfterCommit<string>((values) => handed.push(values));
    after.record('m1', 'alice');
    after.reset('m1');
    inMessage('m1', () => after.relay.nudge());
    expect(handed).toEqual([]);
  });
});
