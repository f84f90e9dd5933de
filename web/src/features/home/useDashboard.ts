import { ref } from 'vue'
import { api, unwrap } from '@/api/client'
import { notifyError } from '@/api/notify'
import { getRecordStats } from '@/features/records/api'
import type { RecordStats } from '@/features/records/types'
import type { Bucket } from '@/utils/charts'

export type StatsState =
  { kind: 'loading' } | { kind: 'empty'; note: string | null } | { kind: 'ready'; stats: RecordStats } | { kind: 'error'; message: string }

/** Loads what the staff dashboard draws: record statistics (GetRecordStats) and the org units by kind (ListOrgUnits). */
export function useDashboard() {
  const stats = ref<StatsState>({ kind: 'loading' })
  const unitKinds = ref<Bucket[]>([])
  const unitsLoading = ref(true)

  async function loadStats(): Promise<void> {
    stats.value = { kind: 'loading' }
    try {
      const s = await getRecordStats()
      stats.value = s.total > 0 ? { kind: 'ready', stats: s } : { kind: 'empty', note: s.dataMissing }
    } catch (e) {
      stats.value = { kind: 'error', message: e instanceof Error ? e.message : String(e) }
    }
  }

  async function loadUnits(): Promise<void> {
    unitsLoading.value = true
    try {
      const units = unwrap(await api.GET('/api/admin/org-units'))
      const counts = new Map<string, { key: string; label: string; count: number }>()
      for (const u of units) {
        const b = counts.get(u.kind) ?? { key: u.kind, label: u.kindName, count: 0 }
        b.count++
        counts.set(u.kind, b)
      }
      unitKinds.value = [...counts.values()]
    } catch (e) {
      notifyError(e)
    } finally {
      unitsLoading.value = false
    }
  }

  return { stats, unitKinds, unitsLoading, loadStats, loadUnits }
}
