import { reactive, ref, watch } from 'vue'
import { notifyError } from '@/api/notify'
import { listCases, type CaseQuery, type CaseRow } from './api'

/** The staff queue: filters, paging and the rows (ListProtectionCases). */
export function useCases() {
  const filters = reactive<CaseQuery>({ queue: 'pending', type: undefined, fastTrack: undefined, region: undefined, q: undefined })
  const page = ref(1)
  const pageSize = ref(20)
  const rows = ref<CaseRow[]>([])
  const total = ref(0)
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      const clean = {
        ...(Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as CaseQuery),
        page: page.value,
        pageSize: pageSize.value,
      }
      const result = await listCases(clean)
      rows.value = result.items
      total.value = result.total
    } catch (e) {
      notifyError(e)
    } finally {
      loading.value = false
    }
  }

  watch(() => [filters.queue, filters.type, filters.fastTrack, filters.region, page.value, pageSize.value], load)
  return { filters, rows, total, loading, load, page, pageSize }
}
