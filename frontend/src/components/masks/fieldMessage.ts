// When a masked field speaks: a complete wrong value at once, an unfinished
// one only after the user left the field (or tried to save), and a message
// from the backend until the user edits the value it was about.
import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { check, complete, problemKey, type MaskKind } from '../../lib/masks'
import { registerFieldCheck } from '../../composables/useFieldChecks'

/** What a masked field reads to decide its message. */
export interface FieldMessageSource {
  kind: MaskKind
  /** The text in the field, as the user sees it. */
  text: Ref<string>
  /** The field's label, named in the message. */
  label: () => string
  /** The backend's message for this field, if any. */
  error: () => string | undefined
  /** Dates: a day after today is wrong. */
  past?: () => boolean
}

/** The message and the events a masked field reports. */
export function useFieldMessage(src: FieldMessageSource) {
  const { t } = useI18n()
  const visited = ref(false)
  // Cleared on every edit: the backend's message was about the old value.
  const serverShown = ref(true)
  watch(src.error, () => (serverShown.value = true))

  const problem = computed(() => check(src.kind, src.text.value, { past: src.past?.() }))
  const local = computed(() => {
    const p = problem.value
    if (!p) return ''
    if (!visited.value && (p === 'incomplete' || !complete(src.kind, src.text.value))) return ''
    const field = src.label()
    return t(problemKey(src.kind, src.text.value, p), { field })
  })
  const message = computed(() => local.value || (serverShown.value ? (src.error() ?? '') : ''))

  registerFieldCheck(() => {
    visited.value = true
    return local.value
  })

  return {
    message,
    status: computed(() => (message.value ? ('error' as const) : undefined)),
    /** Call on blur. */
    leave: () => {
      if (src.text.value.trim()) visited.value = true
    },
    /** Call on every edit. */
    edited: (text: string) => {
      serverShown.value = false
      // An emptied field starts over: the next first digits are not wrong yet.
      if (!text.trim()) visited.value = false
    },
  }
}
