import { Child } from './ipc.js';
import type { AppMode, AppProtocol, SimProtocol } from './protocol.js';

/** A simulator process and an app process attached to it: the unit every scenario runs on. */
export interface Pair {
  mode: AppMode;
  sim: Child<SimProtocol>;
  app: Child<AppProtocol>;
  stop(): Promise<void>;
}

const PASSWORD = 'bench-secret';

export async function startPair(mode: AppMode, speed: number): Promise<Pair> {
  const sim = await Child.start<SimProtocol>(`simulator(${mode})`, 'bench/sim-process.ts', {
    env: { BENCH_SIM_SPEED: String(speed), BENCH_SIM_PASSWORD: PASSWORD },
    nodeFlags: ['--expose-gc'],
  });
  const info = await sim.call('info', {});
  const app = await Child.start<AppProtocol>(mode, 'bench/app-process.ts', {
    env: { BENCH_APP_MODE: mode, BENCH_ARI_URL: info.ariUrl, BENCH_AMI_PORT: String(info.amiPort), BENCH_SIM_PASSWORD: PASSWORD },
    nodeFlags: ['--expose-gc'],
  });
  const { connected } = await app.call('waitConnected', { timeoutMs: 15_000 });
  if (!connected) throw new Error(`${mode} did not connect to the simulator`);
  return {
    mode,
    sim,
    app,
    // The app first: alo153's shutdown still talks to the simulator.
    stop: async () => {
      await app.stop();
      await sim.stop();
    },
  };
}
