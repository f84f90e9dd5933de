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
  /**
   * Set when this session has just enabled the second factor: the server ended the session with it (the next call answers
   * 401), but the page first shows the recovery codes; leaving the page ends the session here too (see the router).
   */
  const signInAgain = ref(false)
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

  /**
   * Signs in. An account with a second factor answers 401 with `secondFactorRequired` (an {@link ApiError}) until `code`
   * (a 6-digit code of the authenticator app or a recovery code) is given too.
   */
  async function login(username: string, password: string, code?: string): Promise<void> {
    const body = code ? { username, password, code } : { username, password }
    accept(unwrap(await api.POST('/api/auth/login', { body })))
    signInAgain.value = false
    loaded.value = true
  }

  /** Changes one's own password; the server ends the other sessions and continues this one in a new session. */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    accept(unwrap(await api.POST('/api/auth/password', { body: { currentPassword, newPassword } })))
  }

  /** Enables the second factor with a code of the app; returns the recovery codes. The server ends this session. */
  async function enableSecondFactor(code: string): Promise<string[]> {
    const { recoveryCodes } = unwrap(await api.POST('/api/auth/second-factor/enable', { body: { code } }))
    signInAgain.value = true
    return recoveryCodes
  }

  /** Disables the second factor (the password is required), then reads the session again. */
  async function disableSecondFactor(password: string): Promise<void> {
    unwrap(await api.POST('/api/auth/second-factor/disable', { body: { password } }))
    await load(true)
  }

  /**
   * After enabling the second factor: asks the server, which answers 401 as the session has ended, and forgets the
   * session. True when it has ended (the user signs in again, with a code).
   */
  async function endAfterEnrolment(): Promise<boolean> {
    signInAgain.value = false
    await load(true)
    return user.value === null
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
    signInAgain.value = false
    setCsrfToken(null)
    loaded.value = true
  }

  return {
    user,
    loaded,
    role,
    signInAgain,
    load,
    login,
    changePassword,
    enableSecondFactor,
    disableSecondFactor,
    endAfterEnrolment,
    logout,
    clear,
  }
})
