// The engine's sentences for an exec it could not start (recorded from engine 20.10), as
// the sentences berth shows.
import { describe, expect, it } from 'vitest';
import { startFailureError } from '../../src/docker/exec.js';

const ID = 'a'.repeat(64);

describe('startFailureError', () => {
  it.each([
    ['sh', 'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown', 'notFound', 'Container aaaaaaaaaaaa: No shell in this container: "sh" is not there (the image may have no shell, like a distroless one).'],
    ['/opt/tool', 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/opt/tool": stat /opt/tool: no such file or directory: unknown', 'notFound', 'Container aaaaaaaaaaaa: "/opt/tool" is not in this container (the image may have no shell, like a distroless one).'],
    ['sh', 'OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("/nope") set in config.json failed: no such file or directory: unknown', 'badRequest', 'Container aaaaaaaaaaaa: the working directory "/nope" does not exist in the container.'],
    ['sh', 'unable to find user nobody: no matching entries in passwd file', 'badRequest', 'Container aaaaaaaaaaaa: the user "nobody" does not exist in the container.'],
    ['/bin/busybox', 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/busybox": permission denied: unknown', 'permission', 'Container aaaaaaaaaaaa: "/bin/busybox" cannot be run: permission denied.'],
    ['sh', 'OCI runtime exec failed: exec failed: something new', 'server', 'Container aaaaaaaaaaaa: "sh" could not be started: something new.'],
  ])('%s: %s', (program, sentence, kind, message) => {
    const err = startFailureError(`${sentence}\r\n`, [program], ID);
    expect([err.kind, err.message, err.engineMessage]).toEqual([kind, message, sentence]);
  });
});
