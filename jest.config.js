'use strict';
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Ring tests share two cores with the kernel's io-wq workers; keep the pool small.
  maxWorkers: 2,
  testTimeout: 30000,
};
