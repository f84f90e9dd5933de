// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '@/api/problem'

const calls = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }))
vi.mock('@/api/client', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/api/client')>()), api: calls }))

import { currentXsrfToken } from '@/api/client'
import { useSessionStore, type SessionUser } from '@/stores/session'

const user = (over: Partial<SessionUser> = {}): SessionUser => ({
  id: 2,
  username: 'bureau',
  displayName: '市局业务员',
  role: 'bureau',
  roleName: '知识产权局',
  orgUnitId: 1,
  orgUnitName: '知识产权局',
  regionCode: '320700',
  secondFactorEnabled: false,
  secondFactorEnrolmentRequired: false,
  ...over,
})
const json = (status: number) => new Response(null, { status })
const ok = <T>(data: T) => ({ data, response: json(200) })
const fail = (status: number, error: unknown) => ({ error, response: json(status) })

beforeEach(() => {
  setActivePinia(createPinia())
  calls.GET.mockReset()
  calls.POST.mockReset()
})

describe('session store: signing in', () => {
  it('sends the code only when there is one', async () => {
    calls.POST.mockResolvedValue(ok({ user: user(), csrfToken: 't1' }))
    const s = useSessionStore()
    await s.login('bureau', 'pw')
    await s.login('bureau', 'pw', '123456')
    expect(calls.POST.mock.calls.map((c) => c[1].body)).toEqual([
      { username: 'bureau', password: 'pw' },
      { username: 'bureau', password: 'pw', code: '123456' },
    ])
    expect(s.user?.username).toBe('bureau')
    expect(s.loaded).toBe(true)
    expect(currentXsrfToken()).toBe('t1')
  })

  it('throws the answer that asks for the second factor as an ApiError saying so', async () => {
    calls.POST.mockResolvedValue(fail(401, { status: 401, title: '需要动态验证码', detail: '请输入…', secondFactorRequired: true }))
    const s = useSessionStore()
    const e = await s.login('bureau', 'pw').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect((e as ApiError).status).toBe(401)
    expect((e as ApiError).problem.secondFactorRequired).toBe(true)
    expect(s.user).toBeNull()
  })
})

describe('session store: the account', () => {
  it('continues in the new session a password change gives', async () => {
    calls.POST.mockResolvedValue(ok({ user: user({ displayName: 'new' }), csrfToken: 't2' }))
    const s = useSessionStore()
    await s.changePassword('old-pass-1', 'New-pass-2026')
    expect(calls.POST).toHaveBeenCalledWith('/api/auth/password', { body: { currentPassword: 'old-pass-1', newPassword: 'New-pass-2026' } })
    expect(s.user?.displayName).toBe('new')
    expect(currentXsrfToken()).toBe('t2')
  })

  it('keeps a refused password change from touching the session', async () => {
    calls.POST.mockResolvedValueOnce(ok({ user: user(), csrfToken: 't3' }))
    const s = useSessionStore()
    await s.login('bureau', 'pw')
    calls.POST.mockResolvedValueOnce(fail(400, { status: 400, errors: { newPassword: ['该密码过于常见，容易被猜中，请换一个'] } }))
    const e = (await s.changePassword('pw', 'password123').catch((x: unknown) => x)) as ApiError
    expect(e.problem.errors).toEqual({ newPassword: ['该密码过于常见，容易被猜中，请换一个'] })
    expect(s.user?.username).toBe('bureau')
    expect(currentXsrfToken()).toBe('t3')
  })

  it('after enabling the second factor, keeps the user until the session is ended here too', async () => {
    calls.POST.mockResolvedValueOnce(ok({ user: user({ secondFactorEnrolmentRequired: true }), csrfToken: 't4' }))
    const s = useSessionStore()
    await s.login('bureau', 'pw')
    const codes = Array.from({ length: 10 }, (_, i) => `AAAA${i}-BBBBB`)
    calls.POST.mockResolvedValueOnce(ok({ recoveryCodes: codes }))
    expect(await s.enableSecondFactor('123456')).toEqual(codes)
    expect(calls.POST).toHaveBeenLastCalledWith('/api/auth/second-factor/enable', { body: { code: '123456' } })
    expect(s.signInAgain).toBe(true)
    expect(s.user).not.toBeNull()

    // the server ended the session: /me answers 401
    calls.GET.mockResolvedValueOnce(fail(401, { status: 401, title: '未登录' }))
    expect(await s.endAfterEnrolment()).toBe(true)
    expect(calls.GET).toHaveBeenCalledWith('/api/auth/me')
    expect(s.user).toBeNull()
    expect(s.signInAgain).toBe(false)
    expect(currentXsrfToken()).toBeNull()
  })

  it('does not flag a refused code', async () => {
    calls.POST.mockResolvedValueOnce(fail(400, { status: 400, errors: { code: ['动态验证码不正确，请核对手机时间后重试'] } }))
    const s = useSessionStore()
    await expect(s.enableSecondFactor('000000')).rejects.toBeInstanceOf(ApiError)
    expect(s.signInAgain).toBe(false)
  })

  it('reads the session again after disabling the second factor', async () => {
    calls.POST.mockResolvedValueOnce(ok({ user: user({ secondFactorEnabled: true }), csrfToken: 't5' }))
    const s = useSessionStore()
    await s.login('bureau', 'pw', '123456')
    calls.POST.mockResolvedValueOnce({ data: undefined, response: json(204) })
    calls.GET.mockResolvedValueOnce(ok({ user: user({ secondFactorEnabled: false }), csrfToken: 't6' }))
    await s.disableSecondFactor('pw')
    expect(calls.POST).toHaveBeenLastCalledWith('/api/auth/second-factor/disable', { body: { password: 'pw' } })
    expect(s.user?.secondFactorEnabled).toBe(false)
    expect(currentXsrfToken()).toBe('t6')
  })
})
