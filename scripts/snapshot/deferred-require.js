// Put before the snapshot's bundle (scripts/snapshot/build.ts): the bundle calls `require`
// for Node's built-in modules, and this gives it one that hands out the network, process and
// terminal modules as stand-ins, loading the real module on first use. Node cannot save these
// in a snapshot (an HTTP parser's native handle stops the build), yet berth's modules take
// them at load; they use them only once berth runs, after the snapshot is restored.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- called by the text build.ts puts after it
function deferBuiltins(realRequire) {
  const deferred = new Set(['http', 'https', 'net', 'tls', 'child_process', 'tty', 'zlib', 'crypto']);
  const standIns = new Map();
  return function require(name) {
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    if (!deferred.has(bare)) return realRequire(name);
    let standIn = standIns.get(bare);
    if (!standIn) {
      let real;
      const load = () => (real ??= realRequire(bare));
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
