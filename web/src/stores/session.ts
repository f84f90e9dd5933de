import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, setCsrfToken, unwrap } from '@/api/client'
import { ApiError } from '@/api/problem'
import type { components } from '@/api/schema'

export type SessionUser = components['schemas']['SessionUser']

/** The signed-in user (or null) and the antiforgery token the server issued with the session. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null)
  const loaded = ref(false)
  let loading: Promise<void> | null = null

  const role = computed(() => user.value?.role ?? null)

  function accept(session: components['schemas']['SessionResponse']): void {
    user.value = session.user
    setCsrfToken(session.csrfToken)
  }

  /** Asks the server who is signed in (once per page load; again with force). A 401 means nobody. */
  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return
    loading ??= (async () => {
      try {
        accept(unwrap(await api.GET('/api/auth/me')))
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 401) console.warn('会话检查失败', e)
        user.value = null
        setCsrfToken(null)
      } finally {
        loaded.value = true
        loading = null
      }
    })()
    return loading
  }

  async function login(username: string, password: string): Promise<void> {
    accept(unwrap(await api.POST('/api/auth/login', { body: { username, password } })))
    loaded.value = true
  }

  async function logout(): Promise<void> {
    try {
      await api.POST('/api/auth/logout')
    } finally {
      clear()
    }
  }

  function clear(): void {
    user.value = null
    setCsrfToken(null)
    loaded.value = true
  }

  return { user, loaded, role, load, login, logout, clear }
})
