// KEK rotation: re-wrap every secret's data key under the current KEK, in one transaction.
// Ciphertexts are unchanged (the data keys stay the same); each secret is decrypted once under its
// new wrapping before commit, so a rotation never leaves an unreadable secret behind. The same
// transaction records the KEK in the KekState row (kek-state.ts): processes without it keep
// serving what they had decrypted and stop saving secrets until restarted with it.

import { getDb, type Db } from "../db";
import { decryptSecret, rewrapSecret } from "../crypto/envelope";
import { getKeyring, type Keyring } from "../crypto/kek";
import { notifyConfigChanged } from "../gateway/config-version";
import { recordRotationKek } from "./kek-state";

export interface KekRotationResult {
  kekId: string;
  total: number;
  rewrapped: number;
  alreadyCurrent: number;
}

export async function rewrapAllSecrets(db: Db = getDb(), keyring: Keyring = getKeyring()): Promise<KekRotationResult> {
  const current = keyring.current.id;
  const result = await db.$transaction(
    async (tx) => {
      // First: the KekState row's lock orders this against concurrent secret writes.
      await recordRotationKek(tx, current);
      const rows = await tx.secret.findMany({ select: { id: true, ciphertext: true, wrappedKey: true, kekId: true } });
      let rewrapped = 0;
      for (const row of rows) {
        if (row.kekId === current) continue;
        const payload = rewrapSecret(row.id, row, keyring);
        decryptSecret(row.id, payload, keyring);
        await tx.secret.update({ where: { id: row.id }, data: { wrappedKey: payload.wrappedKey, kekId: payload.kekId } });
        rewrapped++;
      }
      return { kekId: current, total: rows.length, rewrapped, alreadyCurrent: rows.length - rewrapped };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  if (result.rewrapped > 0) await notifyConfigChanged(db);
  return result;
}
