// seedance-contracts/simulator: the offline gateway simulator as a library, for an integrator's
// own tests. Start it on a port (`startSimulator`) or run it in process with no socket
// (`createSimulator().fetch`, a client's `fetch` or an MSW handler); point a client at `sim.urls`,
// step its clock, choose scenarios, and read what it received from `sim.journal`.
// It runs on Node and its declarations may name Node's types, which TypeScript 6+ loads only when
// asked (`types` defaults to []): the directive, kept in index.d.ts, asks for them.
/// <reference types="node" preserve="true" />
export { createSimulator, DEFAULT_BASE_URL, type Simulator } from './simulator.ts';
export { startSimulator } from './server.ts';
export type { SimulatorOptions } from './instance.ts';
export { manualClock, systemClock, type ManualClock, type SimClock } from './clock.ts';
export { SCENARIOS, isScenario, type Scenario, type Lifecycle, type StoreLimits } from './tasks.ts';
export type { CallbackAllow, CallbackAttempt, CallbackOptions } from './callbacks.ts';
export type { AllowedHosts } from './hosts.ts';
export type { Journal, JournalEntry, JournalVerdict } from './journal.ts';
export type { ReplayOptions } from './replay.ts';
export { HarError } from './har.ts';
export type { Har } from './har.ts';
