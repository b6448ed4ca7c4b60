// A form's masked fields check themselves as the user types; on save the
// form asks all of them at once, so a wrong CPF is refused before anything
// goes to Go, with its message under the field. Fields register through
// provide/inject, which suits lists that grow (a reservation's associados).
import { inject, onBeforeUnmount, provide, type InjectionKey } from 'vue'

/** One field's check: marks the field as visited and returns its message, or "". */
export type FieldCheck = () => string

interface Registry {
  add: (c: FieldCheck) => () => void
}

const key: InjectionKey<Registry> = Symbol('fieldChecks')

/** What useFieldChecks returns. */
export interface FieldChecks {
  /**
   * Runs every registered check; each wrong field shows its message. True
   * when none had anything to say.
   */
  ok: () => boolean
}

/** Call in a form's setup, above its masked fields. */
export function useFieldChecks(): FieldChecks {
  const checks = new Set<FieldCheck>()
  provide(key, {
    add: (c) => {
      checks.add(c)
      return () => checks.delete(c)
    },
  })
  return {
    ok: () => {
      let ok = true
      // Every check runs (no early exit) so every wrong field is marked.
      for (const c of checks) if (c()) ok = false
      return ok
    },
  }
}

/** Called by a masked field: registers its check with the form around it, if any. */
export function registerFieldCheck(c: FieldCheck): void {
  const r = inject(key, null)
  if (!r) return
  const remove = r.add(c)
  onBeforeUnmount(remove)
}
