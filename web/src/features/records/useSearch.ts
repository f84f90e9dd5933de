import { computed, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ApiError, problemMessage } from '@/api/problem'
import { searchRecords } from './api'
import { applyFacet, emptyFilters, fromRouteQuery, removeFilter, toRouteQuery, type FilterKey, type SearchFilters } from './query'
import type { SearchResponse } from './types'

/**
 * The search page's state. The URL is the source of truth: every change pushes a new query, and a query change runs
 * the search (so back/forward and shared links work). Out-of-order answers are ignored.
 */
export function useSearch() {
  const route = useRoute()
  const router = useRouter()
  const filters = ref<SearchFilters>(fromRouteQuery(route.query))
  const result = shallowRef<SearchResponse | null>(null)
  const loading = ref(false)
  const error = ref('')
  /** Where the search box's expression goes wrong (a character from 1), when the server said so. */
  const errorPosition = ref<number | null>(null)
  let seq = 0

  const hasFilters = computed(() => {
    const f = filters.value
    return !!(f.q || f.types.length || f.from || f.to || f.ipc || f.region || f.industry || f.applicant || f.status)
  })

  async function run(): Promise<void> {
    const mine = ++seq
    loading.value = true
    error.value = ''
    errorPosition.value = null
    try {
      const r = await searchRecords(filters.value)
      if (mine === seq) result.value = r
    } catch (e) {
      if (mine !== seq) return
      result.value = null
      // a field error (the expression's syntax error, with where it is) says more than the problem's title
      const fieldMessages = e instanceof ApiError ? Object.values(e.problem.errors ?? {}).flat() : []
      error.value =
        fieldMessages.length > 0 ? fieldMessages.join(' ') : e instanceof ApiError ? problemMessage(e.problem, e.status) : String(e)
      errorPosition.value = e instanceof ApiError ? (e.problem.position ?? null) : null
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function go(next: SearchFilters): void {
    void router.push({ query: toRouteQuery(next) })
  }

  watch(
    () => route.query,
    (q) => {
      if (route.name !== 'records-search') return
      filters.value = fromRouteQuery(q)
      void run()
    },
    { immediate: true },
  )

  return {
    filters,
    result,
    loading,
    error,
    errorPosition,
    hasFilters,
    search: (next: SearchFilters) => go({ ...next, page: 1, cursor: '' }),
    facet: (name: string, key: string) => go(applyFacet(filters.value, name, key)),
    remove: (key: FilterKey, value?: string) => go(removeFilter(filters.value, key, value)),
    page: (page: number, pageSize: number) =>
      go({ ...filters.value, page: pageSize === filters.value.pageSize ? page : 1, pageSize, cursor: '' }),
    /** The next batch after the last numbered page (date sorts only), by the answer's keyset cursor. */
    next: () => {
      const c = result.value?.nextCursor
      if (c) go({ ...filters.value, cursor: c })
    },
    sort: (sort: SearchFilters['sort']) => go({ ...filters.value, sort, page: 1, cursor: '' }),
    reset: () => go(emptyFilters()),
    reload: run,
  }
}
