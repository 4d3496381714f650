// The detail view's Env: the environment as the engine stores it, with the values of keys
// that look secret masked until the user asks to see them.

/** Key names that usually hold a secret (DB_PASSWORD, API_TOKEN, AWS_SECRET_ACCESS_KEY...). */
const SECRET_KEY = /PASS(WORD|WD|PHRASE)?|SECRET|TOKEN|KEY|CREDENTIAL|PRIVATE|AUTH|CERT|SALT|SESSION|COOKIE|SIGNATURE|DSN|CONN(ECTION)?_?STR/i;

export const MASK = '••••••••';

export function looksSecret(key: string): boolean {
  return SECRET_KEY.test(key);
}

export interface EnvView {
  readonly lines: string[];
  /** How many values are masked now (0 when revealed). */
  readonly masked: number;
  /** How many values look secret. */
  readonly secret: number;
}

/**
 * The environment, one `KEY=value` a line in the engine's order. A masked value is always
 * the same eight dots, so its length is not given away.
 */
export function envLines(env: readonly string[], revealed: boolean): EnvView {
  let secret = 0;
  const lines = env.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq < 0) return entry;
    const key = entry.slice(0, eq);
    if (!looksSecret(key)) return entry;
    secret++;
    return revealed ? entry : `${key}=${MASK}`;
  });
  return { lines, masked: revealed ? 0 : secret, secret };
}
