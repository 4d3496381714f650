// A build step's heading in the builder's output, as Docker's classic builder writes it
// ("Step 3/4 : RUN make") and as Podman's (buildah) does ("STEP 3/4: RUN make"). Kept apart
// from build.ts so the jobs list can read steps without loading the build module.

export interface BuildStep {
  readonly index: number;
  readonly count: number;
  /** The instruction as written ("RUN make"). */
  readonly instruction: string;
}

const STEP_LINE = /^(?:Step (\d+)\/(\d+) :|STEP (\d+)\/(\d+):) ?(.*)$/m;

/** The first step heading in `text`, if any. */
export function buildStepIn(text: string): BuildStep | undefined {
  const m = STEP_LINE.exec(text);
  if (!m) return undefined;
  return { index: Number(m[1] ?? m[3]), count: Number(m[2] ?? m[4]), instruction: m[5]!.trim() };
}

/**
 * The sentence of a failed build, naming the step (the engine's own words alone, "returned a
 * non-zero code: 3", do not). Podman names the step inside its message ("building at STEP
 * "RUN x": while running runtime: exit status 3"): that part is said once, in Docker's words.
 */
export function failedBuildSentence(what: string, step: BuildStep | undefined, engineMessage: string): string {
  let why = engineMessage.trim().replace(/\.$/, '');
  if (step) {
    const podman = /^building at STEP "[^"]*": (?:while running runtime: )?([\s\S]+)$/.exec(why);
    if (podman) why = podman[1]!.replace(/^exit status (\d+)$/, 'the command returned a non-zero code: $1');
  }
  const where = step ? ` at step ${step.index}/${step.count} (${step.instruction})` : '';
  return `${what} failed${where}: ${why}.`;
}
