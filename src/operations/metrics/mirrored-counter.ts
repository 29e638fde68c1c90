import { Counter, type Registry } from 'prom-client';

/**
 * A Prometheus counter that follows a count alo153 already keeps (a `counters` or `stats` field): read at scrape
 * time, so the code that counts stays as it is. Each series is advanced by what its count grew since the last
 * scrape; a count that went down (a component rebuilt) starts the series over from its new value.
 */
export function mirroredCounter<L extends string>(
  registry: Registry,
  spec: { name: string; help: string; labelNames?: readonly L[] },
  read: () => ReadonlyArray<readonly [labels: Partial<Record<L, string>>, value: number]>,
): Counter<L> {
  const last = new Map<string, number>();
  return new Counter<L>({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames ?? [],
    registers: [registry],
    collect() {
      for (const [labels, value] of read()) {
        const key = JSON.stringify(labels);
        const before = last.get(key) ?? 0;
        last.set(key, value);
        if (value < before) this.remove(labels);
        // inc by 0 still creates the series: it is there (at 0) before anything happened.
        this.inc(labels, value < before ? value : value - before);
      }
    },
  });
}
