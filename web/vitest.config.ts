import { defineConfig } from 'vitest/config';

// Unit tests only (framework-free modules under src/); the Preact plugin of vite.config.ts is not needed.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'sw/**/*.test.ts'],
  },
});
