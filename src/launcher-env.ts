// bin/berth changes two things in the environment for Node's sake (its comments say why and
// what each is worth): MALLOC_ARENA_MAX, when the user had not set it, and NODE_EXTRA_CA_CERTS,
// handed over as BERTH_NODE_EXTRA_CA_CERTS so that Node does not read it at start-up. berth
// puts both back as they were before anything else runs, so what it starts (ssh, docker,
// the config's commands) sees the user's environment, not the launcher's. The Docker client
// reads NODE_EXTRA_CA_CERTS itself when a TLS connection needs it (docker/client.ts).

export function restoreLauncherEnv(env: NodeJS.ProcessEnv = process.env): void {
  if (env.BERTH_SET_MALLOC_ARENA_MAX === '1') delete env.MALLOC_ARENA_MAX;
  delete env.BERTH_SET_MALLOC_ARENA_MAX;
  if (env.BERTH_NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = env.BERTH_NODE_EXTRA_CA_CERTS;
  delete env.BERTH_NODE_EXTRA_CA_CERTS;
}
