import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Logger } from '../../logging/logger.js';
import { CallMetrics } from './call-metrics.js';
import { CommandLatency } from './command-latency.js';
import { registerComponentMetrics, type MetricSources } from './component-metrics.js';
import { watchDeltas, type DeltaSources } from './delta-metrics.js';
import { httpMetrics } from './http-metrics.js';
import { listenForMetrics, metricsRoute, type MetricsAccessConfig } from './metrics-access.js';

export interface HttpMetrics {
  /** First middleware of the app: request durations by route pattern. */
  timing: RequestHandler;
  /** GET /metrics on the main port (only with metrics.token; else no such route). */
  route: RequestHandler;
}

export interface Metrics {
  readonly registry: Registry;
  readonly http: HttpMetrics;
  /** ARI event → command latency: wrap the ARI listener (`stamp`) and the CallControl (`control`). */
  readonly commands: CommandLatency;
  /** Calls by outcome and ticket write latency: wrap the sessions' ticket writer and the queue outcome recorder. */
  readonly calls: CallMetrics;
  /** Reads the components' own counts at scrape time (call once, when they exist). */
  watch(sources: MetricSources & { deltas: DeltaSources }): void;
  /** Opens the separate listener when metrics.port is set. */
  start(): Promise<void>;
  /** The separate listener's /metrics URL once started; undefined without one. */
  readonly url: string | undefined;
  stop(): Promise<void>;
}

/**
 * Prometheus metrics (prom-client), in a Registry of this instance (two alo153 in one process, as in the tests,
 * never share one), Node's default metrics included. Served at /metrics on the main port with a Bearer token,
 * and/or on a listener of its own (metrics.port, bound to metrics.host); with neither, nowhere.
 */
export function createMetrics(config: MetricsAccessConfig, logger: Logger): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const log = logger.child({ component: 'metrics' });
  let listener: { url: string; close(): Promise<void> } | undefined;
  let stopDeltas: (() => void) | undefined;
  return {
    registry,
    http: { timing: httpMetrics(registry), route: metricsRoute(registry, config, log) },
    commands: new CommandLatency(registry),
    calls: new CallMetrics(registry),
    watch(sources) {
      registerComponentMetrics(registry, sources);
      stopDeltas = watchDeltas(registry, sources.deltas);
    },
    async start() {
      if (config.port > 0 && !listener) listener = await listenForMetrics(registry, config, log);
    },
    get url() {
      return listener?.url;
    },
    async stop() {
      stopDeltas?.();
      await listener?.close();
      listener = undefined;
    },
  };
}
