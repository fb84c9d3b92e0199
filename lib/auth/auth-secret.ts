// The secret next-auth signs and encrypts session cookies with. NEXTAUTH_SECRET (or AUTH_SECRET)
// wins; otherwise a random secret is generated once into ./data/auth-secret (mode 0600) and reused,
// so `npm start` works with no setup and sessions survive restarts. Every process of one
// installation reads the same file, so they all accept each other's cookies.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

/** ./data/auth-secret, or GATEHOUSE_AUTH_SECRET_FILE (tests point it into a temp dir). */
export function authSecretFile(env: Env = process.env): string {
  const override = env.GATEHOUSE_AUTH_SECRET_FILE;
  // turbopackIgnore (here and on the fs calls): a runtime file, not something the build should trace.
  return override ? path.resolve(/* turbopackIgnore: true */ override) : path.join(process.cwd(), "data", "auth-secret");
}

function readSecret(file: string): string {
  const secret = fs.readFileSync(/* turbopackIgnore: true */ file, "utf8").trim();
  if (secret.length < 32) {
    throw new Error(`${file} holds a session secret shorter than 32 characters; delete it to generate a new one.`);
  }
  return secret;
}

/** Exclusive create: when two processes race, the loser reads the winner's secret. */
function generateSecret(file: string): string {
  fs.mkdirSync(/* turbopackIgnore: true */ path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(/* turbopackIgnore: true */ file, `${secret}\n`, { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return readSecret(file);
    throw err;
  }
  process.stderr.write(`[gatehouse] NEXTAUTH_SECRET is not set; generated a session secret in ${file} (mode 0600).\n`);
  return secret;
}

let cached: string | undefined;

export function getAuthSecret(env: Env = process.env): string {
  const fromEnv = env.NEXTAUTH_SECRET?.trim() || env.AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  if (cached) return cached;
  const file = authSecretFile(env);
  cached = fs.existsSync(/* turbopackIgnore: true */ file) ? readSecret(file) : generateSecret(file);
  return cached;
}
