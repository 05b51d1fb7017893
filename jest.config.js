/** Unit, emulator and provider-host suites. The real-CLI suite lives in test/e2e and runs via `npm run test:e2e`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
  transform: { "^.+\\.ts$": "<rootDir>/scripts/jest-transform.js" },
  testTimeout: 30000,
  // Every request the provider sends to an emulator is checked against Stripe's parameter tables.
  setupFilesAfterEnv: ["<rootDir>/test/support/request-conformance.ts"],
};
