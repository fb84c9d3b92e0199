// An endpoint's kind in a sentence, with its article: "a chat endpoint", "an embeddings endpoint".
// No imports: the gateway's error messages use it too.

export function endpointKindPhrase(kind: string): string {
  return `${/^[aeiou]/i.test(kind) ? "an" : "a"} ${kind} endpoint`;
}
