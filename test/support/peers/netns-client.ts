// Runs berth's own connection code inside the peers' network namespace, where 127.0.0.1 is
// the namespace's loopback, and prints one JSON result per scenario (for peers node itself
// connects to, such as the TLS dockerd; ssh:// runs the ssh program, which a wrapper puts there).
//   nsenter --net=/var/run/netns/NS node --import tsx netns-client.ts '<scenarios json>'
import { runScenario, type Scenario } from './scenario.js';

const scenarios = JSON.parse(process.argv[2] ?? '[]') as Scenario[];
const results = await Promise.all(scenarios.map(runScenario));
process.stdout.write(`${JSON.stringify(results)}\n`);
// Keep-alive sockets must not hold the process open.
process.exit(0);
