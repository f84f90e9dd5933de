import { describe, expect, it } from 'vitest'
import createClient from 'openapi-fetch'
import type { paths } from '@/api/schema'
import { XSRF_HEADER, readCookie, xsrfMiddleware } from '@/api/xsrf'

function recordingClient(token: () => string | null) {
  const seen: Request[] = []
  const client = createClient<paths>({
    baseUrl: 'http://zhichan.test',
    fetch: async (req: Request) => {
      seen.push(req)
      return new Response(JSON.stringify({}), { status: 200, headers: { 'Content-Type': 'application/json' } })
    },
  })
  client.use(xsrfMiddleware(token))
  return { client, seen }
}

describe('xsrfMiddleware', () => {
  it('adds the token to POST, PUT and other writes', async () => {
    const { client, seen } = recordingClient(() => 'tok-123')
    await client.POST('/api/admin/users/{id}/unlock', { params: { path: { id: 7 } } })
    await client.PUT('/api/admin/org-units/{id}', {
      params: { path: { id: 1 } },
      body: { name: 'x', kind: 'other', regionCode: null, creditCode: null, parentId: null, isActive: true },
    })
    expect(seen.map((r) => r.headers.get(XSRF_HEADER))).toEqual(['tok-123', 'tok-123'])
  })

  it('leaves GET requests alone', async () => {
    const { client, seen } = recordingClient(() => 'tok-123')
    await client.GET('/api/auth/me')
    expect(seen[0]?.headers.has(XSRF_HEADER)).toBe(false)
  })

  it('sends no header when there is no token (anonymous login)', async () => {
    const { client, seen } = recordingClient(() => null)
    await client.POST('/api/auth/login', { body: { username: 'a', password: 'b' } })
    expect(seen[0]?.headers.has(XSRF_HEADER)).toBe(false)
  })

  it('reads the token at request time (a fresh token after login is used)', async () => {
    let current: string | null = 'old'
    const { client, seen } = recordingClient(() => current)
    await client.POST('/api/auth/logout')
    current = 'new'
    await client.POST('/api/auth/logout')
    expect(seen.map((r) => r.headers.get(XSRF_HEADER))).toEqual(['old', 'new'])
  })
})

describe('readCookie', () => {
  it('finds the XSRF-TOKEN cookie among others and decodes it', () => {
    expect(readCookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=CfDJ8%2Bab%3D%3D; b=2')).toBe('CfDJ8+ab==')
    expect(readCookie('XSRF-TOKEN', 'XSRF-TOKEN-OLD=1')).toBeNull()
    expect(readCookie('XSRF-TOKEN', '')).toBeNull()
    expect(readCookie('XSRF-TOKEN', 'XSRF-TOKEN=')).toBeNull()
  })
})
