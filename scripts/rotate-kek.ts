// `npm run kek:rotate`: re-wrap every secret's data key under the current KEK.
//
//   1. Set GATEHOUSE_ENCRYPTION_KEY to the new key and GATEHOUSE_ENCRYPTION_KEY_OLD to the previous
//      one (or leave the previous one in ./data/encryption.key, which is read as an old key).
//   2. npm run kek:rotate        (one transaction: all secrets move, or none)
//   3. Remove the old key (GATEHOUSE_ENCRYPTION_KEY_OLD, or archive ./data/encryption.key).
//
// Running processes keep working throughout: they decrypt with whichever key a secret names.

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
  if (old.length) {
    console.log(
      `Every secret now uses ${result.kekId}. You can remove the old key(s): unset GATEHOUSE_ENCRYPTION_KEY_OLD` +
        ` and archive ${keyFilePath()} if it was the previous key.`,
    );
  }
}

main()
  .catch((err: unknown) => {
    console.error(`kek:rotate failed (the re-wrap is one transaction: on error no secret changed): ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
