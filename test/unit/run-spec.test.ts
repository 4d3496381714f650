import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSpecFromForm, splitEnv, splitWords } from '../../src/docker/run-form.js';
import { checkRunSpec, createBody, parseMount, parsePort, parseRestart } from '../../src/docker/run.js';

describe('port bindings', () => {
  it.each([
    ['80', { containerPort: 80, protocol: 'tcp', hostPort: '', hostIp: '' }],
    ['8080:80', { containerPort: 80, protocol: 'tcp', hostPort: '8080', hostIp: '' }],
    ['127.0.0.1:8080:80/udp', { containerPort: 80, protocol: 'udp', hostPort: '8080', hostIp: '127.0.0.1' }],
    ['127.0.0.1::80', { containerPort: 80, protocol: 'tcp', hostPort: '', hostIp: '127.0.0.1' }],
    ['[::1]:8080:80', { containerPort: 80, protocol: 'tcp', hostPort: '8080', hostIp: '::1' }],
    ['53/SCTP', { containerPort: 53, protocol: 'sctp', hostPort: '', hostIp: '' }],
    ['08080:80', { containerPort: 80, protocol: 'tcp', hostPort: '8080', hostIp: '' }],
  ])('reads %s', (input, expected) => {
    expect(parsePort(input)).toEqual(expected);
  });

  it.each([
    ['', /empty/],
    ['80:', /container port/],
    ['99999:80', /host port must be a number from 1 to 65535/],
    ['8080:0', /container port must be a number from 1 to 65535/],
    ['8080:80/icmp', /protocol must be tcp, udp or sctp/],
    ['1.2.3:8080:80', /is not an IP address/],
    ['a:b:c:d', /must look like/],
    ['8080-8081:80-81', /ranges are not supported/],
    ['[::1:8080:80', /IPv6/],
    ['[1.2.3.4]:8080:80', /not an IPv6 address/],
    ['80 :80', /spaces/],
    ['http', /container port/],
  ])('refuses %j with a reason', (input, reason) => {
    const r = parsePort(input);
    expect(typeof r).toBe('string');
    expect(r).toMatch(reason);
  });
});

describe('volumes', () => {
  it.each([
    ['/srv/data:/data', { kind: 'bind', source: '/srv/data', target: '/data', readOnly: false }],
    ['/srv/data:/data:ro', { kind: 'bind', source: '/srv/data', target: '/data', readOnly: true }],
    ['cache:/var/cache:rw', { kind: 'volume', source: 'cache', target: '/var/cache', readOnly: false }],
    ['/scratch', { kind: 'anonymous', target: '/scratch', readOnly: false }],
  ])('reads %s', (input, expected) => {
    expect(parseMount(input)).toEqual(expected);
  });

  it.each([
    ['data', /must be absolute/],
    ['./data:/data', /absolute path/],
    ['/a:data', /must be absolute/],
    ['/a:/', /root/],
    ['/a:/b:rx', /ro or rw/],
    ['/a:/b:c:ro', /too many/],
    ['x:/data', /neither an absolute host path nor a volume name/],
    ['/a:/b\u0000', /control/],
  ])('refuses %j with a reason', (input, reason) => {
    const r = parseMount(input);
    expect(typeof r).toBe('string');
    expect(r).toMatch(reason);
  });
});

describe('restart policies', () => {
  it('reads the four policies and a retry count', () => {
    expect(parseRestart('')).toEqual({ name: 'no', maxRetries: 0 });
    expect(parseRestart('always')).toEqual({ name: 'always', maxRetries: 0 });
    expect(parseRestart('unless-stopped')).toEqual({ name: 'unless-stopped', maxRetries: 0 });
    expect(parseRestart('on-failure:3')).toEqual({ name: 'on-failure', maxRetries: 3 });
    expect(parseRestart('sometimes')).toMatch(/must be no, always/);
    expect(parseRestart('on-failure:-1')).toMatch(/must be/);
  });
});

describe('the whole spec', () => {
  it('builds the create body the engine expects', () => {
    const r = checkRunSpec({
      image: 'app:1',
      name: 'web',
      cmd: ['sh', '-c', 'echo hi'],
      env: ['A=1', 'B=x=y'],
      ports: ['127.0.0.1:8080:80', '9090:90/udp'],
      volumes: ['/srv:/srv:ro', 'cache:/cache', '/tmp2'],
      restart: 'on-failure:2',
      network: 'none',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe('ports cannot be published with network none');
    const ok = checkRunSpec({ image: 'app:1', cmd: ['sh'], env: ['A=1'], ports: ['127.0.0.1:8080:80'], volumes: ['/srv:/srv:ro', '/tmp2'], restart: 'on-failure:2' });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(createBody(ok.spec)).toEqual({
      Image: 'app:1',
      Cmd: ['sh'],
      Env: ['A=1'],
      Labels: {},
      ExposedPorts: { '80/tcp': {} },
      Volumes: { '/tmp2': {} },
      HostConfig: {
        PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] },
        Binds: ['/srv:/srv:ro'],
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 },
      },
    });
  });

  it.each([
    [{ image: '' }, /choose an image/],
    [{ image: 'App' }, /lowercase/],
    [{ image: 'app', name: '-x' }, /name "-x"/],
    [{ image: 'app', env: ['NOVALUE'] }, /must be KEY=VALUE/],
    [{ image: 'app', env: ['A B=1'] }, /no spaces/],
    [{ image: 'app', ports: ['8080:80', '8080:81'] }, /bound twice/],
    [{ image: 'app', volumes: ['/a:/d', 'v1:/d/'] }, /two volumes are mounted at/],
    [{ image: 'app', network: 'bad net' }, /not a network name/],
  ])('refuses %j', (spec, reason) => {
    const r = checkRunSpec(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('accepts an image id', () => {
    expect(checkRunSpec({ image: `sha256:${'a'.repeat(64)}` }).ok).toBe(true);
  });
});

describe('form fields', () => {
  it('splits a command like a shell, keeping quoted words', () => {
    expect(splitWords(`sh -c 'echo "a b"; sleep 1' x\\ y ""`)).toEqual(['sh', '-c', 'echo "a b"; sleep 1', 'x y', '']);
    expect(splitWords('"a\\"b"')).toEqual(['a"b']);
    expect(splitWords('echo "open')).toMatch(/unclosed "/);
    expect(splitWords('   ')).toEqual([]);
  });

  it('keeps commas inside environment values', () => {
    expect(splitEnv('NO_PROXY=a,b, DEBUG=1,')).toEqual(['NO_PROXY=a,b', 'DEBUG=1']);
    expect(splitEnv('')).toEqual([]);
  });

  it('turns the form into a spec or a reason', () => {
    const ok = runSpecFromForm('app:1', { name: 'w', command: 'sleep 5', env: 'A=1', ports: '8080:80, 127.0.0.1:9000:90', volumes: '', restart: 'always' });
    expect(ok.ok && ok.checked.ports.map((p) => p.hostPort)).toEqual(['8080', '9000']);
    const bad = runSpecFromForm('app:1', { ports: '80:80:80:80' });
    expect(bad).toEqual({ ok: false, reason: 'port "80:80:80:80" must look like 8080:80, 127.0.0.1:8080:80 or 80/udp' });
  });
});

describe('hostile input', () => {
  const piece = fc.constantFrom(...':/[]-.,=@ \t\n\u0000\u001b'.split(''), '80', '8080', '65536', '127.0.0.1', '::1', 'udp', 'ro', 'rw', 'vol', '/data', '..', 'é', '𝄞');
  const hostile = fc.oneof(fc.string(), fc.array(piece, { maxLength: 12 }).map((a) => a.join('')));

  it('parsePort and parseMount answer a result or a reason, and never throw', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const p = parsePort(s);
        if (typeof p !== 'string') {
          expect(p.containerPort).toBeGreaterThanOrEqual(1);
          expect(p.containerPort).toBeLessThanOrEqual(65535);
          expect(['tcp', 'udp', 'sctp']).toContain(p.protocol);
        }
        const m = parseMount(s);
        if (typeof m !== 'string') expect(m.target.startsWith('/')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('the whole form never throws, whatever the fields hold', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, hostile, hostile, (name, command, env, ports, volumes, restart) => {
        const r = runSpecFromForm('app:1', { name, command, env, ports, volumes, restart });
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
        else expect(() => createBody(r.checked)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  // The form as a user fills it, from parts whose meaning the test knows: the spec produced
  // must be exactly the one those parts describe, not merely "no throw".
  const portPart = fc.record({
    ip: fc.constantFrom('', '127.0.0.1', '::1', '0.0.0.0'),
    host: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    ctr: fc.integer({ min: 1, max: 65535 }),
    proto: fc.constantFrom('', '/tcp', '/udp', '/sctp', '/UDP'),
  });
  const portText = (p: { ip: string; host?: number; ctr: number; proto: string }) => {
    const ip = p.ip.includes(':') ? `[${p.ip}]` : p.ip;
    // An address needs the host port's place, even empty (127.0.0.1::80).
    const head = p.ip ? `${ip}:${p.host ?? ''}:` : p.host !== undefined ? `${p.host}:` : '';
    return `${head}${p.ctr}${p.proto}`;
  };
  const absPath = fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,7}$/), { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
  const mountPart = fc.oneof(
    fc.record({ kind: fc.constant('bind' as const), source: absPath, target: absPath, mode: fc.constantFrom('', ':ro', ':rw') }),
    fc.record({ kind: fc.constant('volume' as const), source: fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{1,10}$/), target: absPath, mode: fc.constantFrom('', ':ro', ':rw') }),
    fc.record({ kind: fc.constant('anonymous' as const), target: absPath, mode: fc.constant('') }),
  );
  // The field is a comma-separated list whose items are trimmed: values hold no comma and
  // do not start or end with a space.
  const envPart = fc.tuple(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), fc.stringMatching(/^(?:[^,\s](?:[^,\n]{0,10}[^,\s])?)?$/)).map(([k, v]) => `${k}=${v}`);
  const word = fc.string({ unit: 'grapheme-ascii', maxLength: 8 }).filter((w) => !w.includes('\u0000'));
  // Quoted the way a user would: single quotes, or double quotes with \" and \\ for a word holding '.
  const quoted = (w: string) => (w.includes("'") ? `"${w.replace(/[\\"]/g, '\\$&')}"` : `'${w}'`);
  const restartPart = fc.oneof(
    fc.constantFrom(['', 'no', 0], ['no', 'no', 0], ['always', 'always', 0], ['unless-stopped', 'unless-stopped', 0]),
    fc.integer({ min: 0, max: 9999 }).map((n) => [`on-failure:${n}`, 'on-failure', n] as const),
  );
  const form = fc.record({
    name: fc.option(fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,20}$/), { nil: undefined }),
    words: fc.array(word, { maxLength: 5 }),
    env: fc.array(envPart, { maxLength: 4 }),
    ports: fc.array(portPart, { maxLength: 4 }),
    mounts: fc.array(mountPart, { maxLength: 4 }),
    restart: restartPart,
    network: fc.constantFrom(undefined, 'bridge', 'none', 'host', 'my-net_1'),
    sep: fc.constantFrom(',', ', ', ' , '),
  });

  it('property: the create body is exactly what the form says, or the one reason it cannot be', () => {
    fc.assert(
      fc.property(form, (f) => {
        const r = runSpecFromForm('app:1', {
          ...(f.name !== undefined ? { name: ` ${f.name} ` } : {}),
          command: f.words.map(quoted).join(' '),
          env: f.env.join(f.sep),
          ports: f.ports.map(portText).join(f.sep),
          volumes: f.mounts.map((m) => (m.kind === 'anonymous' ? m.target : `${m.source}:${m.target}${m.mode}`)).join(f.sep),
          restart: f.restart[0],
          ...(f.network ? { network: f.network } : {}),
        });
        // The refusals a valid-looking form can still meet.
        const hostKeys = f.ports.filter((p) => p.host !== undefined).map((p) => `${p.ip}|${p.host}/${(p.proto.slice(1) || 'tcp').toLowerCase()}`);
        const targets = f.mounts.map((m) => m.target);
        if (new Set(hostKeys).size < hostKeys.length) {
          expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/is bound twice/) });
          return;
        }
        if (new Set(targets).size < targets.length) {
          expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/two volumes are mounted at/) });
          return;
        }
        if (f.ports.length && (f.network === 'none' || f.network === 'host')) {
          expect(r).toEqual({ ok: false, reason: `ports cannot be published with network ${f.network}` });
          return;
        }
        expect(r.ok, JSON.stringify(r)).toBe(true);
        if (!r.ok) return;
        const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
        const exposed: Record<string, object> = {};
        for (const p of f.ports) {
          const key = `${p.ctr}/${(p.proto.slice(1) || 'tcp').toLowerCase()}`;
          exposed[key] = {};
          (bindings[key] ??= []).push({ HostIp: p.ip, HostPort: p.host === undefined ? '' : String(p.host) });
        }
        const volumes: Record<string, object> = {};
        for (const m of f.mounts) if (m.kind === 'anonymous') volumes[m.target] = {};
        expect(createBody(r.checked)).toEqual({
          Image: 'app:1',
          ...(f.words.length ? { Cmd: f.words } : {}),
          Env: f.env,
          Labels: {},
          ExposedPorts: exposed,
          Volumes: volumes,
          HostConfig: {
            PortBindings: bindings,
            Binds: f.mounts.filter((m) => m.kind !== 'anonymous').map((m) => `${m.source}:${m.target}${m.mode === ':ro' ? ':ro' : ''}`),
            RestartPolicy: { Name: f.restart[1], MaximumRetryCount: f.restart[2] },
            ...(f.network ? { NetworkMode: f.network } : {}),
          },
        });
        expect(r.checked.name).toBe(f.name);
      }),
      { numRuns: 2000 },
    );
    // Thousands of cases: room for a machine busy with the engine tests.
  }, 60_000);
});
