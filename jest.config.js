/** Unit, emulator and provider-host suites. The real-CLI suite lives in test/e2e and runs via `npm run test:e2e`. */
module.exports = {
  testEnvironment: "node",
  // Suites live in test/; the sources are roots too, so coverage reports files no suite loads.
  roots: ["<rootDir>/test", "<rootDir>/provider", "<rootDir>/emulator", "<rootDir>/scripts"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  transform: { "^.+\\.ts$": "<rootDir>/scripts/jest-transform.js" },
  testTimeout: 30000,
  // Coverage counts every source file, loaded by a suite or not; dist/ is what ships, so it is
  // never instrumented (the size tests measure the serialized provider exactly as users get it).
  collectCoverageFrom: ["provider/**/*.ts", "emulator/**/*.ts", "scripts/**/*.ts", "!**/*.d.ts"],
  coveragePathIgnorePatterns: ["/node_modules/", "<rootDir>/dist/"],
  // Every request the provider sends to an emulator is checked against Stripe's parameter tables.
  setupFilesAfterEnv: ["<rootDir>/test/support/request-conformance.ts"],
};
