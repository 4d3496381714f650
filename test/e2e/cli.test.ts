import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, withThisNode } from '../support/berth-bin.js';
import { launch } from '../support/pty.js';


describe('the command line', () => {
  it('prints help and version without a daemon', () => {
    const help = spawnSync(BIN, ['--help'], { encoding: 'utf8', env: withThisNode() });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--host URL');
    expect(help.stdout).toContain('--context NAME');
    const version = spawnSync(BIN, ['--version'], { encoding: 'utf8', env: withThisNode() });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^berth \d+\.\d+\.\d+/);
  });

  it('refuses to start when output is not a terminal, with one clear paragraph', () => {
    const r = spawnSync(BIN, [], { encoding: 'utf8', env: withThisNode({ ...process.env, DOCKER_HOST: 'unix:///nonexistent.sock' }) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('must be a terminal');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an unknown option', () => {
    const r = spawnSync(BIN, ['--bogus'], { encoding: 'utf8', env: withThisNode() });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--bogus');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the endpoint and the cause when the socket is missing', async () => {
    const app = launch({ args: ['--host', 'unix:///nonexistent/docker.sock'] });
    try {
      const screen = await app.waitForStart('socket does not exist');
      expect(screen).toContain('unix:///nonexistent/docker.sock');
      expect(screen).toContain('--host');
      expect(await app.exited).toBe(1);
      expect(screen).not.toMatch(/\n\s+at /);
    } finally {
      await app.close();
    }
  });

  it('says connection refused for a tcp port nobody listens on', async () => {
    const app = launch({ args: ['--host', 'tcp://127.0.0.1:1'] });
    try {
      await app.waitForStart('refused');
      expect(await app.exited).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('explains an unknown context', async () => {
    const app = launch({ args: ['--context', 'nope'], env: { DOCKER_HOST: undefined, DOCKER_CONFIG: '/nonexistent' } });
    try {
      await app.waitForStart('no docker context named "nope"');
      expect(await app.exited).toBe(1);
    } finally {
      await app.close();
    }
  });
});
