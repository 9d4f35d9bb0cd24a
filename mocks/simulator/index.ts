// seedance-contracts/simulator: the offline gateway simulator as a library, for an integrator's
// own tests. Start it in-process, point a client at `sim.urls`, step its clock, choose scenarios,
// and read what it received from `sim.journal`.
// It runs on Node and its declarations name Node's types, which TypeScript 6+ loads only when asked
// (`types` defaults to []): the directive, kept in index.d.ts, asks for them.
/// <reference types="node" preserve="true" />
export { startSimulator, type Simulator, type SimulatorOptions } from './server.ts';
export { manualClock, realClock, type ManualClock, type SimClock } from './clock.ts';
export { SCENARIOS, isScenario, type Scenario, type Lifecycle, type StoreLimits } from './tasks.ts';
export type { CallbackAttempt, CallbackOptions } from './callbacks.ts';
export type { Journal, JournalEntry, JournalVerdict } from './journal.ts';
