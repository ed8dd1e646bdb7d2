import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{runtime,document,codegen,host,renderer,test,bench,examples}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
