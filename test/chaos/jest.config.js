/** The slow chaos tests (real processes, crashes, a private PostgreSQL): `npm run test:chaos`. */
const base = require('../../jest.config.js');
const path = require('node:path');

module.exports = {
  ...base,
  rootDir: path.join(__dirname, '..', '..'),
  roots: ['<rootDir>/test/chaos'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 300000,
};
