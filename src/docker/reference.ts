// Image references ("app", "127.0.0.1:5000/team/app:1", "alpine@sha256:..."): parsed and
// validated here, before any call, so a typo gets a reason instead of an engine error.
// The grammar follows the registry's reference rules: an optional registry host[:port],
// lowercase path components, an optional tag and an optional digest.
import { DockerError } from './errors.js';

export const DEFAULT_REGISTRY = 'docker.io';
export const DEFAULT_TAG = 'latest';

export interface ImageReference {
  /** "docker.io" when none was given, otherwise host[:port] as typed. */
  readonly registry: string;
  /** Repository path inside the registry ("library/alpine", "team/app"). */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
  /** The repository as docker prints it ("alpine", "127.0.0.1:5000/app"): no tag, no digest. */
  readonly repository: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const HEX64 = /^[a-f0-9]{64}$/;
const MAX_NAME = 255;

/** The input as it can safely appear in a sentence: short, no control characters. */
function quote(input: string): string {
  const shown = input.length > 80 ? `${input.slice(0, 77)}...` : input;
  return JSON.stringify(shown);
}

function invalid(input: string, reason: string): DockerError {
  return new DockerError('badRequest', `Invalid image reference ${quote(input)}: ${reason}.`);
}

function hostProblem(host: string): string | undefined {
  let name = host;
  const ipv6 = /^\[([0-9a-fA-F:.]+)\](?::(.*))?$/.exec(host);
  let port: string | undefined;
  if (ipv6) {
    port = ipv6[2];
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) {
      name = host.slice(0, colon);
      port = host.slice(colon + 1);
    }
    if (!name) return 'the registry host is empty';
    if (!name.split('.').every((label) => HOST_LABEL.test(label))) return `${quote(name)} is not a valid registry host name`;
  }
  if (port !== undefined) {
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return `the registry port ${quote(port)} must be a number from 1 to 65535`;
  }
  return undefined;
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * Splits a reference as written into its name, tag and digest, without checking them: the
 * digest follows the first "@", the tag the last ":" after the last "/" (an earlier colon
 * belongs to a registry port). The one splitter for typed references and the engine's tags.
 */
export function splitReference(ref: string): { readonly name: string; readonly tag?: string; readonly digest?: string } {
  const at = ref.indexOf('@');
  const named = at >= 0 ? ref.slice(0, at) : ref;
  const digest = at >= 0 ? { digest: ref.slice(at + 1) } : {};
  const colon = named.lastIndexOf(':');
  if (colon > named.lastIndexOf('/')) return { name: named.slice(0, colon), tag: named.slice(colon + 1), ...digest };
  return { name: named, ...digest };
}

/** The first 12 hexadecimal digits of an image or container id, as docker prints them. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** The registry's reading of "is the first component a host?": a dot, a port, or localhost. */
function looksLikeHost(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[');
}

/** Says what is wrong with a reference, or returns the parsed parts. Never throws. */
export function checkReference(input: string): ImageReference | string {
  if (typeof input !== 'string' || !input.trim()) return 'it is empty';
  if (input !== input.trim()) return 'it has spaces around it';
  if (/\s/.test(input) || hasControl(input)) return 'it contains spaces or control characters';

  const { name: rest, tag, digest } = splitReference(input);
  if (digest !== undefined) {
    if (!DIGEST.test(digest)) return `${quote(digest)} is not a valid digest (expected algorithm:hex, like sha256:...)`;
    if (digest.startsWith('sha256:') && digest.length !== 7 + 64) return 'a sha256 digest has exactly 64 hexadecimal characters';
  }
  if (tag !== undefined && !TAG.test(tag)) {
    return tag === '' ? 'the tag after ":" is empty' : `${quote(tag)} is not a valid tag (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`;
  }
  if (!rest) return 'the repository name is missing';
  if (rest.length > MAX_NAME) return `the repository name is longer than ${MAX_NAME} characters`;

  const parts = rest.split('/');
  let registry = DEFAULT_REGISTRY;
  let hostTyped: string | undefined;
  if (parts.length > 1 && looksLikeHost(parts[0]!)) {
    hostTyped = parts.shift()!;
    const problem = hostProblem(hostTyped);
    if (problem) return problem;
    registry = hostTyped === 'index.docker.io' ? DEFAULT_REGISTRY : hostTyped;
  }
  for (const part of parts) {
    if (!part) return 'it has an empty path component (a doubled or trailing "/")';
    if (part !== part.toLowerCase() && PATH_COMPONENT.test(part.toLowerCase())) return 'the repository name must be lowercase';
    if (!PATH_COMPONENT.test(part)) {
      return `${quote(part)} is not a valid name component (lowercase letters and digits, separated by ".", "_", "__" or "-")`;
    }
  }
  if (!hostTyped && parts.length === 1 && HEX64.test(parts[0]!)) return 'a 64-character hexadecimal string is an image id, not a repository name';

  const path = registry === DEFAULT_REGISTRY && parts.length === 1 ? `library/${parts[0]}` : parts.join('/');
  // Docker Hub's official images print without their "library/" prefix.
  const familiarPath = registry === DEFAULT_REGISTRY && /^library\/[^/]+$/.test(path) ? path.slice('library/'.length) : path;
  const repository = registry === DEFAULT_REGISTRY ? familiarPath : `${registry}/${familiarPath}`;
  return { registry, path, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** Parses a reference or throws a DockerError (kind badRequest) that says why it is invalid. */
export function parseReference(input: string): ImageReference {
  const r = checkReference(input);
  if (typeof r === 'string') throw invalid(String(input), r);
  return r;
}

/** "app:1", "127.0.0.1:5000/app@sha256:...", as docker prints it. */
export function formatReference(ref: ImageReference): string {
  return `${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/**
 * The same reference with "latest" filled in when it has neither tag nor digest: the Engine
 * API pulls or pushes EVERY tag of a repository when the tag is left empty, which is never
 * what someone typing "app" means.
 */
export function withDefaultTag(ref: ImageReference): ImageReference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: DEFAULT_TAG } : ref;
}
