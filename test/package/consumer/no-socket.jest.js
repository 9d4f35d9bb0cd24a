// The consumer project's Jest suite (CommonJS, plain jest: the package's require build): see
// no-socket-suite.cjs. MSW is msw.jest.js's: its ESM-only dependencies need require(esm) in Jest.
const root = require('seedance-contracts');
const simulator = require('seedance-contracts/simulator');
const suites = require('./no-socket-suite.cjs');

const t = { describe, it, expect, beforeAll, afterAll, spyOn: jest.spyOn.bind(jest) };
suites.clientFetch(t, { root, simulator });
suites.shortKey(t, { root, simulator });
