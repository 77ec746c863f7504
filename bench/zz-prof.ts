import { startSimulator } from '../src/simulator/index.js';

const CHANNEL = '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10';
const sim = await startSimulator({
  accessKey: 'bench_access',
  channelId: CHANNEL,
  echoOutbound: false,
  port: 4555,
});
sim.inbound({ from: '+31612345678', type: 'text', content: { text: 'hi' } });
setTimeout(async () => {
  await sim.close();
  process.exit(0);
}, 9000);
