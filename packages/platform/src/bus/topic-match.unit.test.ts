// Topic matching must agree with RabbitMQ's topic exchange, or the memory bus would route differently.
import { describe, expect, it } from 'vitest';
import { anyTopicMatches, topicMatches } from './topic-match.ts';

describe('topicMatches', () => {
  it.each([
    ['inventory.reserve', 'inventory.reserve', true],
    ['inventory.reserve', 'inventory.release', false],
    ['inventory.*', 'inventory.reserved', true],
    ['inventory.*', 'inventory', false],
    ['inventory.*', 'inventory.reserved.late', false],
    ['*.confirmed', 'order.confirmed', true],
    ['*.confirmed', 'order.confirmed.extra', false],
    ['#', 'order.confirmed', true],
    ['#', 'order', true],
    ['order.#', 'order', true],
    ['order.#', 'order.status.changed', true],
    ['order.#', 'orders.created', false],
    ['#.failed', 'payment.failed', true],
    ['#.failed', 'failed', true],
    ['#.failed', 'payment.failed.now', false],
    ['a.#.z', 'a.z', true],
    ['a.#.z', 'a.b.c.z', true],
    ['a.*.#', 'a', false],
    ['a.*.#', 'a.b', true],
    ['#.#', 'x.y', true],
  ])('%s vs %s -> %s', (pattern, key, expected) => {
    expect(topicMatches(pattern, key)).toBe(expected);
  });

  it('anyTopicMatches is true when one pattern matches', () => {
    expect(anyTopicMatches(['payment.*', 'order.created'], 'order.created')).toBe(true);
    expect(anyTopicMatches(['payment.*', 'order.created'], 'order.confirmed')).toBe(false);
  });
});
