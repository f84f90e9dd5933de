import { onMounted, ref, type Ref } from 'vue'
import { notifyError } from '@/api/notify'

/**
 * Data a page loads when it opens: the value (the initial one until it arrives), a loading flag, a loaded flag (true
 * once the first attempt ended, even on an error, so that an empty state can be told from a pending one) and reload.
 * Errors are shown as messages.
 */
export function useLoad<T>(fetch: () => Promise<T>, initial: T) {
  const data = ref(initial) as Ref<T>
  const loading = ref(true)
  const loaded = ref(false)

  async function reload(): Promise<void> {
    loading.value = true
    try {
      data.value = await fetch()
    } catch (e) {
      notifyError(e)
    } finally {
      loading.value = false
      loaded.value = true
    }
  }

  onMounted(reload)
  return { data, loading, loaded, reload }
}
