// The one place a screen tells the user something in passing: a short notice
// (Naive UI's message) or a yes/no question (Naive UI's dialog). Screens no
// longer translate errors or build dialogs themselves, so every failure reads
// the same way and every confirmation behaves the same way.
import { useDialog, useMessage, type MessageOptions } from 'naive-ui'
import { toAppError } from '../api/errors'
import { errorText } from '../lib/errorText'

/** How long a notice stays and whether it can be closed; as Naive UI's message. */
export type NoticeOptions = Pick<MessageOptions, 'duration' | 'closable' | 'keepAliveOnHover'>

/** A yes/no question; texts are already translated. */
export interface ConfirmOptions {
  title: string
  content: string
  positiveText: string
  negativeText: string
  /** "warning" (the default) for what undoes or removes, "info" for the rest. */
  kind?: 'warning' | 'info'
  /** Extra attributes for the confirm button (a data-testid for e2e). */
  positiveButtonProps?: Record<string, unknown>
  /**
   * Work to do once the user says yes, with the dialog still open and its
   * button spinning, so a slow call cannot be confirmed twice. The dialog
   * closes when it settles; it should report its own failure (it may throw:
   * the failure becomes an error notice).
   */
  action?: () => Promise<unknown> | unknown
}

/** What useNotify returns. */
export interface Notify {
  /** The translated text of a failure (an AppError or anything a call threw). */
  error(e: unknown, options?: NoticeOptions): void
  /** An error notice whose text is already translated. */
  errorMessage(text: string, options?: NoticeOptions): void
  success(text: string, options?: NoticeOptions): void
  info(text: string, options?: NoticeOptions): void
  warning(text: string, options?: NoticeOptions): void
  /** Asks; true when the user confirmed, false on cancel, close, Esc or a click outside. */
  confirm(options: ConfirmOptions): Promise<boolean>
}

// Naive throws when its provider is missing. A screen that only shows
// notices must still mount where no dialog provider exists (and a form that
// shows its errors inline, where neither does), so the lookup is tolerated
// here and the missing provider reported when it is actually needed.
function optional<T>(get: () => T): T | null {
  try {
    return get()
  } catch {
    return null
  }
}

/** Notices and confirmations for the component calling it (call in setup). */
export function useNotify(): Notify {
  const message = optional(useMessage)
  const dialog = optional(useDialog)

  const messages = () => {
    if (!message) throw new Error('useNotify: no <n-message-provider> around this component')
    return message
  }

  return {
    error: (e, options) => void messages().error(errorText(toAppError(e)), options),
    errorMessage: (text, options) => void messages().error(text, options),
    success: (text, options) => void messages().success(text, options),
    info: (text, options) => void messages().info(text, options),
    warning: (text, options) => void messages().warning(text, options),
    confirm(options) {
      if (!dialog) throw new Error('useNotify: no <n-dialog-provider> around this component')
      return new Promise<boolean>((resolve) => {
        let settled = false
        // Once confirmed, Esc or a click outside during the action must not
        // turn the answer into "no": the action is already running.
        let confirmed = false
        const answer = (yes: boolean) => {
          if (settled || (confirmed && !yes)) return
          settled = true
          resolve(yes)
        }
        const no = () => {
          answer(false)
          return true
        }
        const open = options.kind === 'info' ? dialog.info : dialog.warning
        open({
          title: options.title,
          content: options.content,
          positiveText: options.positiveText,
          negativeText: options.negativeText,
          positiveButtonProps: options.positiveButtonProps,
          onPositiveClick: async () => {
            if (settled) return
            confirmed = true
            if (options.action) {
              try {
                await options.action()
              } catch (e) {
                messages().error(errorText(toAppError(e)), { duration: 8000 })
              }
            }
            answer(true)
          },
          onNegativeClick: no,
          onClose: no,
          onEsc: () => void answer(false),
          onMaskClick: () => void answer(false),
          // Whatever else took the dialog away (a route change destroying
          // the provider's content) still answers, so no caller waits forever.
          onAfterLeave: () => answer(false),
        })
      })
    },
  }
}
