import { createLogger } from '../logging/logger.js';
import { startSimulator } from './index.js';

/** A standalone PBX on the usual ports (ARI 8088, AMI 5038) with synthetic agents and callers, for `npm start` to attach to. */
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
const speed = Number(process.env.SIM_SPEED ?? 1);
const simulator = await startSimulator({
  ariPort: Number(process.env.SIM_ARI_PORT ?? 8088),
  amiPort: Number(process.env.SIM_AMI_PORT ?? 5038),
  username: process.env.SIM_USERNAME ?? 'alo153',
  password: process.env.SIM_PASSWORD ?? 'change-me',
  speed,
  logger,
});
const agentCount = Number(process.env.SIM_AGENTS ?? 6);
for (let n = 1; n <= agentCount; n++) {
  simulator.addAgent({ interface: `PJSIP/agent${n}`, name: `Ajan ${n}`, answerAfterMs: 3000 + n * 500, talkMs: 60000 + n * 15000 });
}
const traffic = simulator.startTraffic({ callsPerMinute: Number(process.env.SIM_CALLS_PER_MINUTE ?? 4), seed: Number(process.env.SIM_SEED ?? 153) });
logger.info('simulator running', { ari: simulator.ariUrl, amiPort: simulator.amiPort, agents: agentCount, speed });

const shutdown = (): void => {
  traffic.stop();
  void simulator.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
