// A small blessed app for test/unit/terminal-suspend.test.ts, run in a pseudo-terminal
// with `node --import tsx`. It draws known text, counts the keys it receives, and hands
// the terminal to a child on a key:
//   r  a child that reads a line and echoes it, after printing the terminal's mode
//   k  a child that waits to be killed (it prints its pid, and its size on SIGWINCH)
//   p  a run() that reads stdin itself in raw mode (as an exec stream's pump would) until '.'
//   t  a run() that throws
//   m  mouse reporting on (as an app with clickable widgets has it)
//   q  quit
import blessed from 'blessed';
import { spawn } from 'node:child_process';
import { createScreen, restoreTerminal } from '../../src/widgets/terminal.js';
import { suspendTerminal } from '../../src/widgets/terminal-suspend.js';

const screen = createScreen({ title: 'suspend-fixture' });
const body = blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: '100%-1', border: 'line', label: ' FIXTURE-APP ' });
const corner = blessed.box({ parent: screen, bottom: 0, right: 0, width: 12, height: 1 });
let keys = 0;
let last = 'none yet';

const paint = () => {
  body.setContent(`FIXTURE-BODY keys=${keys}\nlast: ${last}`);
  corner.setContent(`${screen.width}x${screen.height}`.padStart(12));
  screen.render();
};

/** Runs a child on the real terminal and says how it ended. */
const child = (script: string) => () =>
  new Promise<string>((resolve, reject) => {
    const ps = spawn('sh', ['-c', script], { stdio: 'inherit' });
    ps.on('error', reject);
    ps.on('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
  });

const pipeStdin = () =>
  new Promise<string>((resolve) => {
    const stdin = process.stdin;
    stdin.setRawMode(true);
    const onData = (data: Buffer) => {
      process.stdout.write(`piped<${data.toString()}>\r\n`);
      if (!data.includes('.')) return;
      stdin.off('data', onData);
      stdin.pause();
      resolve('piped');
    };
    stdin.on('data', onData);
    stdin.resume();
  });

const hand = (run: () => Promise<string>) => {
  suspendTerminal(screen, async () => {
    // Frames drawn while suspended (a late store update, say) must not reach the child's screen...
    paint();
    try {
      last = `child ended: ${await run()}`;
    } finally {
      // ...and this one is shown only if suspendTerminal repaints by itself.
      paint();
    }
  }).catch((err: Error) => {
    last = `run failed: ${err.message}`;
    paint();
  });
};

screen.on('keypress', (_ch, key: { full: string }) => {
  keys++;
  switch (key.full) {
    case 'r':
      return hand(child(`printf 'mode: %s\\n' "$(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' ')"; printf 'name? '; read line; echo "got $line"`));
    case 'k':
      return hand(child(`trap 'echo "child size $(stty size)"' WINCH; echo "child-pid $$"; while :; do sleep 0.05; done`));
    case 'p':
      return hand(pipeStdin);
    case 't':
      return hand(() => Promise.reject(new Error('boom')));
    case 'm':
      screen.program.enableMouse();
      break;
    case 'q':
      restoreTerminal(screen);
      process.exit(0);
  }
  paint();
});

paint();
