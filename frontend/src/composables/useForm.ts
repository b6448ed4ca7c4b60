// The submit scaffolding every form shares: the values being edited, the
// message under each field the backend refused, the "saving" spinner, and
// one rule for what a refusal looks like. A refusal naming fields puts each
// message on its field; anything else (a full disk, a dropped connection)
// becomes one notice, or one line inside the form where the form says so.
import { reactive, ref, type Ref, type UnwrapNestedRefs } from 'vue'
import { toAppError, type AppError } from '../api/errors'
import { fieldErrors as spread } from '../lib/errorText'
import { useNotify, type NoticeOptions } from './useNotify'

/** Messages of a refusal: per field, and those that belong to no field. */
export interface FormErrors {
  fields: Record<string, string>
  general: string[]
}

/** How a form wants its refusals shown. */
export interface FormOptions {
  /**
   * Where messages of no field go: "notice" (the default) shows one error
   * notice; "inline" leaves them in `generalErrors` for the form to show.
   */
  general?: 'notice' | 'inline'
  /** Options of that notice (its duration). */
  notice?: NoticeOptions
  /** Rearranges the messages before they are shown (a field the form shows elsewhere, say). */
  mapErrors?: (errors: FormErrors, error: AppError) => FormErrors
}

/** What useForm returns. */
export interface Form<T extends object> {
  /** The values being edited (reactive). */
  model: UnwrapNestedRefs<T>
  /** One translated message per refused field, keyed by the backend's field name. */
  fieldErrors: Ref<Record<string, string>>
  /** Messages of no field, when the form shows them inline. */
  generalErrors: Ref<string[]>
  /** True while a submit runs. */
  saving: Ref<boolean>
  /**
   * Runs fn as the form's save: clears the messages, sets saving, and on a
   * refusal shows it (see FormOptions). A submit while one runs is ignored.
   * Resolves true when fn succeeded.
   */
  submit: (fn: () => Promise<unknown> | unknown) => Promise<boolean>
  /**
   * Shows a refusal the way submit does, for a form that runs its own save
   * (one that can be cancelled midway, say) and only shares the messages.
   */
  showErrors: (e: unknown) => void
  /** Back to the initial values (with overrides) and no messages. */
  reset: (values?: Partial<T>) => void
  /** Drops every message. */
  clearErrors: () => void
  /** "error" for a refused field, for NFormItem's validation-status. */
  status: (field: string) => 'error' | undefined
}

/** A form's state and submit; call in setup. initial gives fresh values each time. */
export function useForm<T extends object = Record<string, never>>(initial?: () => T, options: FormOptions = {}): Form<T> {
  const fresh = initial ?? (() => ({}) as T)
  const model = reactive(fresh()) as UnwrapNestedRefs<T>
  const fieldErrors = ref<Record<string, string>>({})
  const generalErrors = ref<string[]>([])
  const saving = ref(false)
  const inline = options.general === 'inline'
  // A form showing everything inline needs no notice provider around it.
  const notify = inline ? null : useNotify()

  function clearErrors() {
    fieldErrors.value = {}
    generalErrors.value = []
  }

  function reset(values?: Partial<T>) {
    Object.assign(model, fresh(), values ?? {})
    clearErrors()
  }

  function showErrors(e: unknown) {
    const err = toAppError(e)
    let fe: FormErrors = spread(err)
    if (options.mapErrors) fe = options.mapErrors(fe, err)
    fieldErrors.value = fe.fields
    if (inline) generalErrors.value = fe.general
    else if (fe.general.length) notify?.errorMessage(fe.general.join(' '), options.notice)
  }

  async function submit(fn: () => Promise<unknown> | unknown): Promise<boolean> {
    if (saving.value) return false
    saving.value = true
    clearErrors()
    try {
      await fn()
      return true
    } catch (e) {
      showErrors(e)
      return false
    } finally {
      saving.value = false
    }
  }

  const status = (field: string) => (fieldErrors.value[field] ? 'error' : undefined)

  return { model, fieldErrors, generalErrors, saving, submit, showErrors, reset, clearErrors, status }
}
