// Type tools for building the screens' types on the generated Go models
// (./models) without casts.

/** Spells out an intersection as one object type, so editors show its fields. */
type Flat<T> = { [K in keyof T]: T[K] }

/**
 * T with some fields given another type: a string-literal union for a Go
 * string enum, `| null` where Go sends a nil slice. U may name only fields T
 * has, so renaming a Go field fails vue-tsc here instead of passing silently.
 */
export type Refine<T, U extends { [K in keyof U]: K extends keyof T ? unknown : never }> = Flat<Omit<T, keyof U> & U>

/** Omit that names only fields T has, so a renamed Go field fails here too. */
export type Without<T, K extends keyof T> = Omit<T, K>

/**
 * Narrows a string from Go to one of the values the screens know. Go and the
 * screens agree on these sets; a value outside it means they drifted, so it
 * is reported on the console and shown as fallback rather than break a list.
 */
export function oneOf<T extends string>(values: readonly T[], v: string, fallback: T): T {
  const known = values.find((x) => x === v)
  if (known !== undefined) return known
  console.warn(`selo: unexpected value ${JSON.stringify(v)}, shown as ${fallback}`)
  return fallback
}
