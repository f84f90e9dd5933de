import { reactive, ref, watch } from 'vue'
import { notifyError } from '@/api/notify'
import { countCases, listCases, type CaseQuery, type CaseQueueCounts, type CaseRow } from './api'
import { QUEUES } from './labels'

/** The staff queue: filters, paging and the rows (ListProtectionCases). */
export function useCases(initialQueue?: unknown) {
  const queue = QUEUES.find((q) => q === initialQueue) ?? 'pending'
  const filters = reactive<CaseQuery>({ queue, type: undefined, fastTrack: undefined, region: undefined, q: undefined })
  const page = ref(1)
  const pageSize = ref(20)
  const rows = ref<CaseRow[]>([])
  const total = ref(0)
  const loading = ref(false)
  const counts = ref<CaseQueueCounts | null>(null)

  async function load() {
    loading.value = true
    try {
      const clean = {
        ...(Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as CaseQuery),
        page: page.value,
        pageSize: pageSize.value,
      }
      const [result, c] = await Promise.all([listCases(clean), countCases()])
      rows.value = result.items
      total.value = result.total
      counts.value = c
    } catch (e) {
      notifyError(e)
    } finally {
      loading.value = false
    }
  }

  watch(() => [filters.queue, filters.type, filters.fastTrack, filters.region, page.value, pageSize.value], load)
  return { filters, rows, total, loading, load, page, pageSize, counts }
}
