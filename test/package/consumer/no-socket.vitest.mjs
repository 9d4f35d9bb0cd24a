// The consumer project's vitest suite (ES modules): see no-socket-suite.cjs.
import * as root from 'seedance-contracts';
import * as simulator from 'seedance-contracts/simulator';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import suites from './no-socket-suite.cjs';

const t = { describe, it, expect, beforeAll, afterAll, spyOn: vi.spyOn };
suites.clientFetch(t, { root, simulator });
suites.msw(t, { root, simulator }, { http, setupServer });
suites.shortKey(t, { root, simulator });
