import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per package/file,
 * so "where the time goes" can be read without DevTools.
 * Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function bucketOf(url: string): string {
  if (url === '') return '(native/vm)';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const rest = url.slice(nodeModules + 'node_modules/'.length).split('/');
    return `npm:${rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) return url;
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1).split('/').slice(0, 2).join('/');
  const bench = url.indexOf('/bench/');
  if (bench >= 0) return url.slice(bench + 1);
  return url.split('/').slice(-2).join('/');
}

export interface ProfileSummary {
  totalMs: number;
  sampledMs: number;
  idleMs: number;
  gcMs: number;
  topFunctions: Array<{ name: string; where: string; selfMs: number }>;
  topBuckets: Array<{ bucket: string; selfMs: number }>;
  /** Each sample charged to the nearest project file on its stack (who caused the work), else to its outermost package. */
  byCause: Array<{ cause: string; ms: number }>;
}

function projectFile(url: string): string | undefined {
  const match = /\/(src|bench|test)\/(.*)$/.exec(url);
  if (!match || url.includes('node_modules')) return undefined;
  return `${match[1]}/${match[2]}`;
}

export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const causeOf = (leaf: number): string => {
    let outermost = '';
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const url = byId.get(id)?.callFrame.url ?? '';
      const file = projectFile(url);
      if (file) return file.startsWith('src/') ? file.split('/').slice(0, 2).join('/') + (file.split('/').length > 2 ? '/' : '') + ' ' + file.split('/').pop() : file;
      if (url) outermost = bucketOf(url);
    }
    return `(no project frame) ${outermost}`;
  };
  const causes = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; selfMs: number }>();
  const buckets = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  let sampled = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const ms = us / 1000;
    sampled += ms;
    if (functionName === '(idle)') {
      idle += ms;
      continue;
    }
    if (functionName === '(garbage collector)') gc += ms;
    const cause = functionName.startsWith('(') ? functionName : causeOf(id);
    causes.set(cause, (causes.get(cause) ?? 0) + ms);
    const where = url ? `${url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = functions.get(key) ?? { name: functionName || '(anonymous)', where, selfMs: 0 };
    entry.selfMs += ms;
    functions.set(key, entry);
    const bucket = functionName.startsWith('(') ? functionName : bucketOf(url);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
  }
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    sampledMs: sampled,
    idleMs: idle,
    gcMs: gc,
    topFunctions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
    byCause: [...causes.entries()].map(([cause, ms]) => ({ cause, ms })).sort((a, b) => b.ms - a.ms).slice(0, top),
    topBuckets: [...buckets.entries()].map(([bucket, selfMs]) => ({ bucket, selfMs })).sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
  };
}

export function printProfileSummary(summary: ProfileSummary): void {
  const busy = summary.sampledMs - summary.idleMs;
  console.log(`profile: ${summary.totalMs.toFixed(0)} ms wall, ${busy.toFixed(0)} ms on CPU, ${summary.idleMs.toFixed(0)} ms idle, GC ${summary.gcMs.toFixed(0)} ms`);
  console.log('self time by package/file:');
  for (const b of summary.topBuckets) console.log(`  ${b.selfMs.toFixed(0).padStart(7)} ms  ${((b.selfMs / busy) * 100).toFixed(1).padStart(5)} %  ${b.bucket}`);
  console.log('by cause (nearest project file on the stack):');
  for (const c of summary.byCause) console.log(`  ${c.ms.toFixed(0).padStart(7)} ms  ${((c.ms / busy) * 100).toFixed(1).padStart(5)} %  ${c.cause}`);
  console.log('top functions (self time):');
  for (const f of summary.topFunctions) console.log(`  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}  ${f.where}`);
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  printProfileSummary(summariseProfile(file, Number(process.argv[3] ?? 25)));
}
