import { ElMessage } from 'element-plus'
import { i18n } from '@/i18n'
import { ApiError, problemMessage, problemToFieldErrors } from './problem'

/**
 * Shows an API failure the way every screen does: the problem `detail` in a message, and field errors written into the
 * form's error map (bound to `el-form-item :error`). Returns true when at least one field error was placed.
 */
export function notifyError(e: unknown, fieldErrors?: Record<string, string>, fields?: readonly string[]): boolean {
  if (fieldErrors) for (const k of Object.keys(fieldErrors)) delete fieldErrors[k]
  if (!(e instanceof ApiError)) {
    ElMessage.error(e instanceof Error ? e.message : String(e))
    return false
  }
  let placed = false
  if (fieldErrors && e.problem.errors) {
    const mapped = problemToFieldErrors(e.problem, fields)
    Object.assign(fieldErrors, mapped.fieldErrors)
    placed = Object.keys(mapped.fieldErrors).length > 0
    if (mapped.unmatched.length > 0) {
      ElMessage.error(mapped.unmatched.join(i18n.global.t('common.clauseSep')))
      return placed
    }
  }
  ElMessage.error(problemMessage(e.problem, e.status))
  return placed
}
