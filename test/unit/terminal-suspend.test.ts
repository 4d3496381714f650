// suspendTerminal through a real pseudo-terminal: a small blessed app
// (test/support/suspend-fixture.ts) hands the terminal to a child and takes it back.
import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { launch, type AppSession } from '../support/pty.js';

const FIXTURE = fileURLToPath(new URL('../support/suspend-fixture.ts', import.meta.url));
// After the app quits, the shell reports the terminal mode it was left in. The trap keeps
// this shell alive through a Ctrl-C (its children get the default action back).
const SCRIPT = `trap : INT QUIT; "${process.execPath}" --import tsx "$0"; echo "after quit: $(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' ')"; sleep 5`;

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const start = async (): Promise<AppSession> => {
  app = launch({ command: { file: 'sh', args: ['-c', SCRIPT, FIXTURE] }, cols: 80, rows: 24 });
  await app.waitForText('FIXTURE-BODY keys=0', 20_000);
  return app;
};

/** The last of a DEC private mode's set (h) or reset (l) in what the app wrote. */
const lastMode = (raw: string, mode: string): string | undefined => [...raw.matchAll(new RegExp(`\\x1b\\[\\?${mode}([hl])`, 'g'))].at(-1)?.[1];

// Each case starts node with tsx in a pty: slower than a unit test, still no engine.
describe('suspendTerminal', { timeout: 30_000 }, () => {
  it('hands the terminal to a child that reads a line, then repaints the app, which still answers keys', async () => {
    const a = await start();
    const before = a.rawOutput().length;
    await a.press('r');
    // The child runs on the normal screen, in cooked mode with echo, and sees what is typed.
    const during = await a.waitForText('name?');
    expect(during).toContain('mode: icanon echo');
    expect(during).not.toContain('FIXTURE');
    expect(await a.modes()).toEqual({ buffer: 'normal', mouse: 'none' });
    expect(lastMode(a.rawOutput(), '25')).toBe('h');
    await a.press('h', 'e', 'l', 'l', 'o', '\r');
    // The child's answer is on the normal screen, which the app covers again at once: read it from the output.
    const back = await a.waitForText('child ended: code 0');
    const handedOver = a.rawOutput().slice(before);
    expect(handedOver).toContain('got hello');
    // keys=1: only the 'r'; what was typed for the child never reached blessed.
    expect(back).toContain('FIXTURE-BODY keys=1');
    expect(back).not.toContain('got hello');
    expect(back).toContain('80x24');
    expect((await a.modes()).buffer).toBe('alternate');
    // The app drew a frame as it handed over: none of it reached the terminal while the child had it.
    const childPart = handedOver.slice(0, handedOver.indexOf('got hello'));
    expect(childPart).toContain('\x1b[?1049l');
    expect(childPart.slice(childPart.indexOf('\x1b[?1049l'))).not.toMatch(/FIXTURE/);

    await a.press('x');
    await a.waitForText('FIXTURE-BODY keys=2');
  });

  it('takes the terminal back from a child killed by a signal, at the size the terminal took meanwhile', async () => {
    const a = await start();
    await a.press('m');
    await a.waitForText('keys=1');
    const mouseOn = (await a.modes()).mouse;
    expect(mouseOn).not.toBe('none');

    await a.press('k');
    const during = await a.waitForText(/child-pid \d+/);
    expect(await a.modes()).toEqual({ buffer: 'normal', mouse: 'none' });
    const pid = Number(/child-pid (\d+)/.exec(during)?.[1]);
    const beforeResize = a.rawOutput().length;
    a.resize(100, 30);
    // A resize during the child must not make blessed paint over it.
    await a.waitForText('child size 30 100');
    // The app got the same SIGWINCH; give it a moment to (not) repaint.
    await new Promise((r) => setTimeout(r, 200));
    expect(a.rawOutput().slice(beforeResize)).not.toMatch(/FIXTURE/);
    expect(await a.screenText()).toContain(`child-pid ${pid}`);

    process.kill(pid, 'SIGKILL');
    const back = await a.waitForText('child ended: signal SIGKILL');
    expect(back).toContain('100x30');
    expect(back.split('\n')[29]).toContain('100x30');
    expect(await a.modes()).toEqual({ buffer: 'alternate', mouse: mouseOn });
    await a.press('x');
    await a.waitForText('FIXTURE-BODY keys=3');
  });

  it('gives stdin to a run() that reads it itself, keys going only there', async () => {
    const a = await start();
    await a.press('p');
    await a.press('a');
    // One key without Enter arrives: raw mode, as an exec stream needs it.
    expect(await a.waitForText('piped<a>')).not.toContain('FIXTURE');
    await a.press('.');
    const back = await a.waitForText('child ended: piped');
    expect(back).toContain('FIXTURE-BODY keys=1');
    await a.press('x');
    await a.waitForText('FIXTURE-BODY keys=2');
  });

  it('lets Ctrl-C end the child without ending the app', async () => {
    const a = await start();
    await a.press('r');
    await a.waitForText('name?');
    await a.press('\x03');
    const back = await a.waitForText('child ended: signal SIGINT');
    expect(back).toContain('FIXTURE-BODY keys=1');
    await a.press('x');
    await a.waitForText('FIXTURE-BODY keys=2');
  });

  it('takes the terminal back when run() throws', async () => {
    const a = await start();
    await a.press('t');
    const back = await a.waitForText('run failed: boom');
    expect(back).toContain('FIXTURE-BODY keys=1');
    expect((await a.modes()).buffer).toBe('alternate');
    await a.press('x');
    await a.waitForText('FIXTURE-BODY keys=2');
  });

  it('leaves a sane terminal on quit after a hand-over', async () => {
    const a = await start();
    await a.press('r');
    await a.waitForText('name?');
    await a.press('o', 'k', '\r');
    await a.waitForText('child ended: code 0');
    await a.press('q');
    const after = await a.waitForText('after quit:');
    expect(after).toMatch(/after quit: icanon echo/);
    expect(await a.modes()).toEqual({ buffer: 'normal', mouse: 'none' });
    expect(lastMode(a.rawOutput(), '25')).toBe('h');
  });
});
