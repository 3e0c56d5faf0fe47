import { onMounted, ref, type Ref } from 'vue'
import { errorMessage } from '../api/client'

/** Run a loader on mount with loading/error state and a retry. */
export function useLoad<T>(loader: () => Promise<T>, immediate = true) {
  const data = ref<T | null>(null) as Ref<T | null>
  const loading = ref(immediate)
  const error = ref<string | null>(null)
  async function load() {
    loading.value = true
    error.value = null
    try {
      data.value = await loader()
    } catch (e) {
      error.value = errorMessage(e)
    } finally {
      loading.value = false
    }
  }
  if (immediate) onMounted(load)
  return { data, loading, error, load }
}
