// `npm run kek:rotate`: re-wrap every secret's data key under the current KEK.
//
//   1. Run it with GATEHOUSE_ENCRYPTION_KEY set to the new key and GATEHOUSE_ENCRYPTION_KEY_OLD to
//      the previous one (or with the previous one left in ./data/encryption.key, which is then read
//      as an old key). One transaction: all secrets move, or none. It also records the new key's
//      fingerprint in the database (KekState).
//   2. Restart the servers with GATEHOUSE_ENCRYPTION_KEY set to the new key. The old key is no
//      longer needed by anything (archive ./data/encryption.key if it was the old key).
//
// Servers still running with the old key keep serving in between: a rotation changes no ciphertext,
// so they keep the credentials they had decrypted. They cannot read a provider key saved after the
// rotation by an already restarted server, and they refuse to save provider keys themselves (503
// encryption_key_outdated) rather than wrap them under the old key (lib/secrets/kek-state.ts).
// Restarting every server with both keys first (new in GATEHOUSE_ENCRYPTION_KEY, old in
// GATEHOUSE_ENCRYPTION_KEY_OLD), then rotating, avoids even that window.

import { disconnectDb } from "../lib/db";
import { getKeyring, keyFilePath } from "../lib/crypto/kek";
import { rewrapAllSecrets } from "../lib/secrets/kek-rotation";

async function main(): Promise<void> {
  if (!process.env.GATEHOUSE_ENCRYPTION_KEY?.trim()) {
    throw new Error(
      "Set GATEHOUSE_ENCRYPTION_KEY to the new key (openssl rand -base64 32) before rotating; " +
        "the previous key is read from GATEHOUSE_ENCRYPTION_KEY_OLD or the key file.",
    );
  }
  const keyring = getKeyring();
  const old = [...keyring.byId.values()].filter((k) => k.id !== keyring.current.id);
  console.log(`Current KEK: ${keyring.current.id} (${keyring.current.source})`);
  console.log(`Old KEKs:    ${old.map((k) => `${k.id} (${k.source})`).join(", ") || "none"}`);

  const result = await rewrapAllSecrets();
  console.log(`Re-wrapped ${result.rewrapped} of ${result.total} secrets; ${result.alreadyCurrent} were already on ${result.kekId}.`);
  console.log(
    `Every secret now uses ${result.kekId}. Restart every server with this GATEHOUSE_ENCRYPTION_KEY: until then, ` +
      "a server started without it keeps serving the provider keys it had decrypted but refuses to save provider keys.",
  );
  if (old.length) {
    console.log(
      `The old key(s) are no longer needed: unset GATEHOUSE_ENCRYPTION_KEY_OLD and archive ${keyFilePath()} if it was the previous key.`,
    );
  }
}

main()
  .catch((err: unknown) => {
    console.error(`kek:rotate failed (the re-wrap is one transaction: on error no secret changed): ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
