// AMQP topic matching ('*' = exactly one word, '#' = zero or more words), shared by the memory bus and the consumer.

/** True when routingKey matches the binding pattern the way a RabbitMQ topic exchange would route it. */
export function topicMatches(pattern: string, routingKey: string): boolean {
  if (pattern === routingKey) return true;
  return matchWords(pattern.split('.'), 0, routingKey.split('.'), 0);
}

function matchWords(pattern: string[], p: number, key: string[], k: number): boolean {
  if (p === pattern.length) return k === key.length;
  const word = pattern[p];
  if (word === '#') {
    // '#' may swallow any number of words, including none.
    for (let skip = k; skip <= key.length; skip++) {
      if (matchWords(pattern, p + 1, key, skip)) return true;
    }
    return false;
  }
  if (k === key.length) return false;
  if (word !== '*' && word !== key[k]) return false;
  return matchWords(pattern, p + 1, key, k + 1);
}

/** True when any of the patterns matches. */
export function anyTopicMatches(patterns: Iterable<string>, routingKey: string): boolean {
  for (const pattern of patterns) if (topicMatches(pattern, routingKey)) return true;
  return false;
}
