// The snapshot build's guards: Node's builder warning fails it, and the require the bundle
// gets defers the modules a snapshot cannot hold (scripts/snapshot).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuilder } from '../../scripts/snapshot/build.js';

const work = mkdtempSync(join(tmpdir(), 'berth-snapshot-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Require = (name: string) => unknown;
const deferBuiltins = new Function(`${readFileSync(new URL('../../scripts/snapshot/deferred-require.js', import.meta.url), 'utf8')}\nreturn deferBuiltins;`)() as (real: Require) => Require;

describe("Node's snapshot builder, as the build runs it", () => {
  const build = (script: string) => {
    const file = join(work, `script-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(file, script);
    runBuilder(['--snapshot-blob', join(work, 'out.blob'), '--build-snapshot', file]);
  };

  it('builds from a script that keeps nothing it may not', () => {
    expect(() => build('globalThis.kept = [1, 2, 3];\n')).not.toThrow();
  });

  it("fails on the builder's warning, which goes to standard error", () => {
    // As Node warns of a built-in module that may not hold after a restore.
    expect(() => build("process.emitWarning('may be out of sync after deserialization');\n")).toThrow(/Node warned while building the snapshot:[\s\S]*out of sync/);
  });

  it('fails with what the script said when it throws', () => {
    expect(() => build("throw new Error('no such thing');\n")).toThrow(/failed:[\s\S]*no such thing/);
  });
});

describe("the bundle's require", () => {
  const loaded: string[] = [];
  const real = createRequire(import.meta.url);
  const req = deferBuiltins((name) => {
    loaded.push(name);
    return real(name);
  });

  it('hands out the network and process modules as stand-ins that load on first use', () => {
    const http = req('node:http') as { request: unknown };
    expect(loaded).toEqual([]);
    expect(typeof http.request).toBe('function');
    expect(loaded).toEqual(['node:http']);
    expect(req('http')).toBe(http);
    expect(req('node:path')).toBe(real('node:path'));
  });

  it("answers blessed's assert, assert.ok and assert.equal itself, and the rest from Node's module", () => {
    const assert = req('assert') as ((v: unknown, m?: string) => void) & { ok(v: unknown): void; equal(a: unknown, b: unknown): void; strictEqual(a: unknown, b: unknown): void };
    expect(() => assert(true)).not.toThrow();
    expect(() => assert(0, 'j < data.length')).toThrow('j < data.length');
    expect(() => assert.ok(false)).toThrow();
    expect(() => assert.equal(0, '0')).not.toThrow();
    expect(() => assert.equal(1, 0)).toThrow('1 == 0');
    expect(loaded).not.toContain('node:assert');
    expect(() => assert.strictEqual(1, '1')).toThrow();
    expect(loaded).toContain('node:assert');
  });
});
