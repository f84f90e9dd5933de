import { reactive, ref, type Ref, type UnwrapRef } from 'vue'
import { notifyError } from '@/api/notify'

/**
 * A filtered, paged list backed by an endpoint returning `{ items, total }`: the filters, the rows, the total, a loading
 * flag, and load / search (back to page 1) / reset (initial filters, page 1). Errors are shown as messages.
 */
export function usePagedList<F extends { page: number }, T>(initial: F, fetch: (filters: F) => Promise<{ items: T[]; total: number }>) {
  const filters = reactive({ ...initial }) as F
  const rows = ref([]) as Ref<UnwrapRef<T>[]>
  const total = ref(0)
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      const page = await fetch(filters)
      rows.value = page.items as UnwrapRef<T>[]
      total.value = page.total
    } catch (e) {
      notifyError(e)
    } finally {
      loading.value = false
    }
  }

  function search(): void {
    filters.page = 1
    void load()
  }

  function reset(): void {
    Object.assign(filters, { ...initial, page: 1 })
    void load()
  }

  return { filters, rows, total, loading, load, search, reset }
}
