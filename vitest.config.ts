// Test tiers by file suffix (CONVENTIONS.md): unit = pure, int = real PostgreSQL/RabbitMQ/Redis, e2e = running platform.
import { defineConfig } from 'vitest/config';

const exclude = ['**/node_modules/**', '.tools/**', 'data/**'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['**/*.unit.test.ts'], exclude } },
      {
        test: {
          name: 'int',
          include: ['**/*.int.test.ts'],
          exclude,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          exclude,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
