import { describe, expect, it } from 'vitest'
import { ApiError, problemMessage, problemToFieldErrors, toProblem } from '@/api/problem'
import { unwrap } from '@/api/client'

describe('problemToFieldErrors', () => {
  const problem = {
    status: 400,
    title: '请求参数有误',
    errors: { username: ['用户名不能为空'], OrgUnitId: ['角色“县区/园区”必须指定所属单位'], password: ['密码不能为空', '密码至少 8 位'] },
  }

  it('maps errors onto the form fields case-insensitively and joins several messages', () => {
    const { fieldErrors, unmatched } = problemToFieldErrors(problem, ['username', 'orgUnitId', 'password'])
    expect(fieldErrors).toEqual({
      username: '用户名不能为空',
      orgUnitId: '角色“县区/园区”必须指定所属单位',
      password: '密码不能为空；密码至少 8 位',
    })
    expect(unmatched).toEqual([])
  })

  it('returns errors for fields the form does not have as unmatched', () => {
    const { fieldErrors, unmatched } = problemToFieldErrors(problem, ['username'])
    expect(Object.keys(fieldErrors)).toEqual(['username'])
    expect(unmatched).toHaveLength(2)
  })

  it('normalises JSON-path style names when no field list is given', () => {
    const { fieldErrors } = problemToFieldErrors({ errors: { '$.DisplayName': ['姓名不能为空'] } })
    expect(fieldErrors).toEqual({ displayName: '姓名不能为空' })
  })

  it('gives nothing for a problem without errors', () => {
    expect(problemToFieldErrors({ status: 409, detail: '冲突' }, ['a'])).toEqual({ fieldErrors: {}, unmatched: [] })
  })
})

describe('toProblem / problemMessage', () => {
  it('reads the RFC 7807 body', () => {
    const p = toProblem(
      { type: 'x', title: '账户已锁定', status: 423, detail: '账户已锁定至 2026-01-01 10:00（北京时间）', errors: { a: 'b' } },
      423,
    )
    expect(p).toMatchObject({ status: 423, title: '账户已锁定', detail: '账户已锁定至 2026-01-01 10:00（北京时间）', errors: { a: ['b'] } })
    expect(problemMessage(p)).toBe('账户已锁定至 2026-01-01 10:00（北京时间）')
  })

  it('keeps the login answer that asks for the second factor, and only a true one', () => {
    const ask = {
      status: 401,
      title: '需要动态验证码',
      detail: '请输入身份验证器应用中的 6 位动态验证码（或一个恢复码）',
      secondFactorRequired: true,
    }
    expect(toProblem(ask, 401).secondFactorRequired).toBe(true)
    expect(toProblem({ status: 401, title: '登录失败' }, 401).secondFactorRequired).toBeUndefined()
    expect(toProblem({ status: 401, secondFactorRequired: 'yes' }, 401).secondFactorRequired).toBeUndefined()
  })

  it('makes a message when the server sent no problem document', () => {
    expect(problemMessage(toProblem('<html>bad gateway</html>', 502))).toBe('服务器错误')
    expect(problemMessage(toProblem(undefined, 404))).toBe('未找到')
  })

  it('unwrap throws an ApiError with the problem', () => {
    const response = new Response(null, { status: 401 })
    try {
      unwrap({ error: { status: 401, title: '登录失败', detail: '用户名或密码错误' }, response })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError)
      expect((e as ApiError).status).toBe(401)
      expect((e as ApiError).message).toBe('用户名或密码错误')
    }
    expect(unwrap({ data: { ok: 1 }, response: new Response('{}', { status: 200 }) })).toEqual({ ok: 1 })
  })
})
