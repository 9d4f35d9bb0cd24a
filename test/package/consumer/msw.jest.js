// The consumer project's Jest suite for MSW (CommonJS: the package's require build): see
// no-socket-suite.cjs. MSW 2.13+ depends on ES-only packages, which Jest loads by require(esm)
// only on Node 24.9+ with --experimental-vm-modules (or through a transform the project configures).
const root = require('seedance-contracts');
const simulator = require('seedance-contracts/simulator');
const { http } = require('msw');
const { setupServer } = require('msw/node');
const suites = require('./no-socket-suite.cjs');

suites.msw({ describe, it, expect, beforeAll, afterAll, spyOn: jest.spyOn.bind(jest) }, { root, simulator }, { http, setupServer });
