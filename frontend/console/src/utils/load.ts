import { ElMessage } from 'element-plus'
import { ref, shallowRef, type Ref } from 'vue'
import { ApiError, UNAVAILABLE_TEXT } from '../api/http'

/** What a screen shows for a failed call: 功能暂不可用 when the endpoint is not on this server. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.unavailable ? UNAVAILABLE_TEXT : e.message
  return '操作失败，请重试'
}

export function isUnavailable(e: unknown): boolean {
  return e instanceof ApiError && e.unavailable
}

export function toastError(e: unknown) {
  ElMessage.error(errorText(e))
}

export interface Load<T> {
  data: Ref<T | undefined>
  loading: Ref<boolean>
  error: Ref<string>
  unavailable: Ref<boolean>
  reload: () => Promise<void>
}

/** Loads with `fn` now and on reload(); never throws (the error is in `error`). */
export function useLoad<T>(fn: () => Promise<T>, immediate = true): Load<T> {
  const data = shallowRef<T>()
  const loading = ref(false)
  const error = ref('')
  const unavailable = ref(false)
  async function reload() {
    loading.value = true
    error.value = ''
    unavailable.value = false
    try {
      data.value = await fn()
    } catch (e) {
      unavailable.value = isUnavailable(e)
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }
  if (immediate) void reload()
  return { data: data as Ref<T | undefined>, loading, error, unavailable, reload }
}

/** Runs an action with a success message; errors become a message too. Returns success. */
export async function act(fn: () => Promise<unknown>, done?: string): Promise<boolean> {
  try {
    await fn()
    if (done) ElMessage.success(done)
    return true
  } catch (e) {
    toastError(e)
    return false
  }
}
