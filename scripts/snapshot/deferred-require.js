// Put before the snapshot's bundle (scripts/snapshot/build.ts): the bundle calls `require`
// for Node's built-in modules, and this gives it one that hands out the network, process and
// terminal modules as stand-ins, loading the real module on first use. Node cannot save these
// in a snapshot (an HTTP parser's native handle stops the build), yet berth's modules take
// them at load; they use them only once berth runs, after the snapshot is restored. node:sea
// is one too: the builder warns that it may not hold in a snapshot, and berth asks it only on
// start.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the text build.ts puts after it
function deferBuiltins(realRequire) {
  const deferred = new Set(['http', 'https', 'net', 'tls', 'child_process', 'tty', 'zlib', 'crypto', 'sea']);
  // blessed checks its terminfo parsing with assert, assert.ok and assert.equal, and the
  // warm-up (src/warm-up.ts) parses terminfo. Node's assert module reads process.stderr as it
  // loads, which opens a handle no snapshot can hold; these three checks need none of it, and
  // any other part of assert loads the real module when first asked for (after the restore).
  const check = (value, message) => {
    if (!value) throw new Error(message ?? 'assertion failed');
  };
  check.ok = check;
  check.equal = (actual, expected, message) => check(actual == expected, message ?? `${actual} == ${expected}`);
  const assert = new Proxy(check, { get: (own, key) => (key in own ? own[key] : realRequire('node:assert')[key]) });
  const standIns = new Map();
  return function require(name) {
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    if (bare === 'assert') return assert;
    if (!deferred.has(bare)) return realRequire(name);
    let standIn = standIns.get(bare);
    if (!standIn) {
      let real;
      // node:sea has no name without the prefix; the others take it too.
      const load = () => (real ??= realRequire(`node:${bare}`));
      standIn = new Proxy(
        {},
        {
          get: (_, key) => load()[key],
          has: (_, key) => key in load(),
          ownKeys: () => Reflect.ownKeys(load()),
          getOwnPropertyDescriptor: (_, key) => {
            const d = Reflect.getOwnPropertyDescriptor(load(), key);
            return d && { ...d, configurable: true };
          },
        },
      );
      standIns.set(bare, standIn);
    }
    return standIn;
  };
}
