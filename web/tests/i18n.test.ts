import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/i18n/zh-CN'
import en from '@/i18n/en'

/** Every message as [dotted key, text] (arrays by index, like vue-i18n's paths). */
function flatten(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]]
  if (node === null || typeof node !== 'object') return []
  return Object.entries(node).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the message files', () => {
  const zh = new Map(flatten(zhCN))
  const english = new Map(flatten(en))

  it('give English the same keys as Chinese', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
  })

  it('give a translation the same placeholders as its original', () => {
    const differ = [...zh].filter(([k, v]) => placeholders(v).join() !== placeholders(english.get(k) ?? '').join()).map(([k]) => k)
    expect(differ).toEqual([])
  })

  it.each([
    ['zh-CN', zh],
    ['en', english],
  ] as const)('compile in %s (no stray @ or braces; | would split the text into plural forms)', (locale, messages) => {
    const i18n = createI18n({ legacy: false, locale, messages: { [locale]: locale === 'en' ? en : zhCN } })
    const broken: string[] = []
    for (const [key, text] of messages) {
      const params = Object.fromEntries(placeholders(text).map((p) => [p, `<${p}>`]))
      try {
        const out = i18n.global.t(key, params)
        if (text.includes('|') || out === key || /\{\w+\}/.test(out)) broken.push(`${key}: ${out}`)
      } catch (e) {
        broken.push(`${key}: ${String(e).split('\n')[0]}`)
      }
    }
    expect(broken).toEqual([])
  })
})
