// TLS material made by the test with openssl: a CA, a server certificate for 127.0.0.1,
// a client certificate, and a second unrelated CA with its own client pair (for the failures).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TlsFiles {
  /** The server's side: ca.pem, server-cert.pem, server-key.pem. */
  readonly serverDir: string;
  /** A DOCKER_CERT_PATH that works: ca.pem, cert.pem, key.pem. */
  readonly clientDir: string;
  /** A DOCKER_CERT_PATH whose CA and client certificate the server does not know. */
  readonly rogueDir: string;
  /** A DOCKER_CERT_PATH with the right CA and no client certificate. */
  readonly caOnlyDir: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string): void {
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${name}`], dir);
}

/** Signs a new key's certificate with the CA in `dir`; `ext` is an openssl extension section body. */
function issue(dir: string, base: string, cn: string, ext: string): void {
  writeFileSync(join(dir, `${base}.ext`), ext);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${base}-key.pem`, '-out', `${base}.csr`, '-subj', `/CN=${cn}`], dir);
  openssl(['x509', '-req', '-in', `${base}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', `${base}-cert.pem`, '-days', '2', '-extfile', `${base}.ext`], dir);
}

export function makeTlsFiles(root: string): TlsFiles {
  const ca = join(root, 'ca');
  const rogue = join(root, 'rogue-ca');
  const clientDir = join(root, 'client');
  const rogueDir = join(root, 'rogue-client');
  const caOnlyDir = join(root, 'ca-only');
  for (const d of [ca, rogue, clientDir, rogueDir, caOnlyDir]) mkdirSync(d, { recursive: true });
  makeCa(ca, 'berth test CA');
  issue(ca, 'server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue(ca, 'client', 'berth client', 'extendedKeyUsage=clientAuth\n');
  makeCa(rogue, 'rogue CA');
  issue(rogue, 'client', 'rogue client', 'extendedKeyUsage=clientAuth\n');
  for (const [from, to] of [
    [join(ca, 'ca.pem'), join(clientDir, 'ca.pem')],
    [join(ca, 'client-cert.pem'), join(clientDir, 'cert.pem')],
    [join(ca, 'client-key.pem'), join(clientDir, 'key.pem')],
    [join(rogue, 'ca.pem'), join(rogueDir, 'ca.pem')],
    [join(rogue, 'client-cert.pem'), join(rogueDir, 'cert.pem')],
    [join(rogue, 'client-key.pem'), join(rogueDir, 'key.pem')],
    [join(ca, 'ca.pem'), join(caOnlyDir, 'ca.pem')],
  ] as const) {
    copyFileSync(from, to);
  }
  return { serverDir: ca, clientDir, rogueDir, caOnlyDir };
}
