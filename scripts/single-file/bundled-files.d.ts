// The virtual module scripts/single-file/bundle.ts makes of blessed's terminfo and termcap files:
// the directory blessed's tput is told they are in, and their contents in base64 by name.
declare module 'berth-single-file:blessed-usr' {
  const usr: { readonly dir: string; readonly files: Readonly<Record<string, string>> };
  export default usr;
}
