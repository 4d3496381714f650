// Hand-made tar archives for the extractor's tests, hostile ones included: any name, any
// type, devices, and PAX headers that override the name or the link target.
import tar from 'tar-stream';

export type TarEntry = Parameters<tar.Pack['entry']>[0] & { body?: string };

export async function tarOf(entries: readonly TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const out: Buffer[] = [];
  pack.on('data', (c) => out.push(c as Buffer));
  const ended = new Promise<void>((r) => pack.on('end', () => r()));
  for (const { body, ...h } of entries) {
    await new Promise<void>((resolve, reject) => {
      if (h.type === undefined || h.type === 'file') pack.entry({ ...h, type: 'file' }, body ?? '', (e) => (e ? reject(e) : resolve()));
      else pack.entry(h, (e) => (e ? reject(e) : resolve())).end(undefined);
    });
  }
  pack.finalize();
  await ended;
  return Buffer.concat(out);
}
