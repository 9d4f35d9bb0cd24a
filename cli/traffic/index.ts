// seedance-contracts/proxy: the validating proxy and the drift check as a library. startProxy puts
// a proxy between an app and a real gateway (every exchange checked against the dialect's contract,
// optionally recorded as HAR 1.2 without the key); checkHar runs the same checks over a recording.
export { startProxy, type ProxyOptions, type ProxyServer } from './proxy.ts';
export { checkHar, HarError, type DriftOptions, type DriftResult } from './drift.ts';
export type { Violation, ViolationKind } from './exchange-check.ts';
export type { TrafficReport } from './report.ts';
