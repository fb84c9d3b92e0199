// At boot: does this process's encryption key fit the database's secrets? A server started with a
// different GATEHOUSE_ENCRYPTION_KEY (or another key file) on a shared database could decrypt none
// of the stored provider keys: every gateway call would fail, and what it saved would be unreadable
// for the other servers. So boot refuses to start it (lib/server/boot.ts), and says what to do.
//
// The rule: the database's KEKs are those of the stored secrets, plus the one the last
// `npm run kek:rotate` recorded (kek-state.ts). When there are any and this process has none of
// them (current or old), it does not start. Having some is enough: during a rotation a server may
// hold the old key, the new one or both. Secrets under a KEK this process lacks are reported once.

import { getDb, type Db } from "../db";
import { getKeyring, type Keyring } from "../crypto/kek";
import { databaseKekId, recordedKekId, storedKekIds } from "./kek-state";

export interface KekCheck {
  /** Set when this process must not start: one line saying why and what to do. */
  problem?: string;
  /** Lines worth logging at start (key file read as an old key, secrets this process cannot read). */
  notes: string[];
}

function describeKeys(keyring: Keyring): string {
  return [...keyring.byId.values()].map((k) => `${k.id} (${k.source})`).join(", ");
}

export async function checkKeyAgainstDatabase(db: Db = getDb(), keyring: Keyring = getKeyring()): Promise<KekCheck> {
  const notes: string[] = [];
  const current = keyring.current;
  // The documented rotation setup (README "Provider keys and encryption"): with
  // GATEHOUSE_ENCRYPTION_KEY set, an existing key file is still read, as an old decrypt-only key.
  for (const kek of keyring.byId.values()) {
    if (kek.id !== current.id && kek.source.startsWith("key file")) {
      notes.push(
        `GATEHOUSE_ENCRYPTION_KEY is set, and the ${kek.source} (KEK ${kek.id}) is read as an old, decrypt-only key ` +
          "(rotation: `npm run kek:rotate` moves the secrets to GATEHOUSE_ENCRYPTION_KEY; then archive the file).",
      );
    }
  }
  const [stored, recorded] = await Promise.all([storedKekIds(db), recordedKekId(db)]);
  const databaseKeks = [...new Set(recorded === null ? stored : [...stored, recorded])];
  if (databaseKeks.length === 0) return { notes };
  const usable = databaseKeks.filter((id) => keyring.byId.has(id));
  if (usable.length === 0) {
    const count = await db.secret.count();
    return {
      notes,
      problem:
        `the encryption key does not match the database's secrets: ${count} stored provider key(s) use KEK ` +
        `${databaseKeks.join(", ")}, this server has ${describeKeys(keyring)}. Start every server on this database ` +
        "with the same GATEHOUSE_ENCRYPTION_KEY (or the same key file); to move the secrets to a new key, run " +
        "`npm run kek:rotate` with the new key in GATEHOUSE_ENCRYPTION_KEY and the old one in GATEHOUSE_ENCRYPTION_KEY_OLD.",
    };
  }
  const unreadable = stored.filter((id) => !keyring.byId.has(id));
  if (unreadable.length > 0) {
    notes.push(
      `some stored provider keys use KEK ${unreadable.join(", ")}, which this server lacks (it has ${describeKeys(keyring)}): ` +
        "gateway calls through them fail until it is started with that key (GATEHOUSE_ENCRYPTION_KEY_OLD).",
    );
  }
  const writeKek = databaseKekId(recorded, stored, keyring);
  if (writeKek !== null && writeKek !== current.id && keyring.byId.has(writeKek)) {
    notes.push(
      `the stored provider keys use KEK ${writeKek} (${keyring.byId.get(writeKek)?.source}), not ${current.id} ` +
        `(${current.source}): provider keys saved here are encrypted under ${writeKek} too, readable by every server, ` +
        "until `npm run kek:rotate` moves all of them.",
    );
  }
  return { notes };
}
