import { onBeforeUnmount, ref } from 'vue'
import { ApiError, problemMessage } from '@/api/problem'
import { notifyError } from '@/api/notify'
import { getImport, listImports } from './api'
import { isActive, upsertJob } from './imports'
import type { ImportJob } from './types'

/** The job list; while any job is queued or running, GetImport is polled for it every second. */
export function useImports() {
  const jobs = ref<ImportJob[]>([])
  const loading = ref(false)
  const pollError = ref('')
  let timer: ReturnType<typeof setInterval> | null = null
  let polling = false

  async function load(): Promise<void> {
    loading.value = true
    try {
      jobs.value = await listImports()
      schedule()
    } catch (e) {
      notifyError(e)
    } finally {
      loading.value = false
    }
  }

  async function tick(): Promise<void> {
    if (polling) return
    polling = true
    try {
      const active = jobs.value.filter(isActive)
      if (active.length === 0) return stop()
      const fresh = await Promise.all(active.map((j) => getImport(j.id)))
      let list = jobs.value
      for (const j of fresh) list = upsertJob(list, j)
      jobs.value = list
      pollError.value = ''
      if (!list.some(isActive)) stop()
    } catch (e) {
      pollError.value = e instanceof ApiError ? problemMessage(e.problem, e.status) : String(e)
    } finally {
      polling = false
    }
  }

  function schedule(): void {
    if (timer === null && jobs.value.some(isActive)) timer = setInterval(() => void tick(), 1000)
  }

  function stop(): void {
    if (timer !== null) clearInterval(timer)
    timer = null
  }

  /** Adds a job just created (202 { id, status }) and starts following it. */
  async function track(id: number): Promise<void> {
    try {
      jobs.value = upsertJob(jobs.value, await getImport(id))
    } catch (e) {
      notifyError(e)
    }
    schedule()
  }

  onBeforeUnmount(stop)

  return { jobs, loading, pollError, load, track }
}
