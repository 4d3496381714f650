// A berth client for the private engine that counts the HTTP requests it sends, so a test can
// prove that a refusal happened before any call.
import { createClient, type DockerClient } from '../../src/docker/client.js';
import { parseHostUrl } from '../../src/docker/endpoint.js';

export function countedClient(host: string): { client: DockerClient; calls: () => number } {
  const client = createClient(parseHostUrl(host, 'DOCKER_HOST'));
  let n = 0;
  const modem = client.modem as unknown as { dial: (...args: unknown[]) => unknown };
  const dial = modem.dial.bind(modem);
  modem.dial = (...args: unknown[]) => {
    n++;
    return dial(...args);
  };
  return { client, calls: () => n };
}
