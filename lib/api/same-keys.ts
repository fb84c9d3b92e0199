// A compile-time check that a documented response schema and the TypeScript view a service returns
// have the same fields (lib/tracing/view-schemas.ts, lib/usage/view-schemas.ts):
//
//   true satisfies AllTrue<[SameKeys<z.output<typeof viewSchema>, View>]>;

export type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;

/** `true` when every check holds, else `never` (so `true satisfies AllTrue<…>` fails to compile). */
export type AllTrue<T extends boolean[]> = T extends true[] ? true : never;
