// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * All UI text goes through vue-i18n (src/i18n/<locale>/<feature>.ts): no .vue or .ts file under src/features may hold a
 * Chinese character outside its comments. Comments are blanked (newlines kept, so line numbers stay right) before the scan.
 */

const WEB = fileURLToPath(new URL('..', import.meta.url))
const FEATURES = join(WEB, 'src', 'features')

/** CJK ideographs, CJK punctuation (、。「」 and the full-width space) and full-width forms (，：；（）). */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{2fa1f}]/u

const blank = (s: string) => s.replace(/[^\n]/g, ' ')

/** Blanks the // and /* *\/ comments of TypeScript, leaving strings, template literals and regular expressions alone. */
export function stripScriptComments(src: string): string {
  let out = ''
  let i = 0
  // each entry is the brace depth at which a template literal's ${ … } started; empty: plain code
  const templates: number[] = []
  let depth = 0
  let last = '' // the last significant character of code, to tell a regular expression from a division
  const regexMayFollow = () => last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(last) || /\b(return|typeof|case|in|of)$/.test(out.trimEnd())
  while (i < src.length) {
    const ch = src[i]!
    const next = src[i + 1]
    if (ch === '/' && next === '/') {
      const end = src.indexOf('\n', i)
      const stop = end < 0 ? src.length : end
      out += blank(src.slice(i, stop))
      i = stop
      continue
    }
    if (ch === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2)
      const stop = end < 0 ? src.length : end + 2
      out += blank(src.slice(i, stop))
      i = stop
      continue
    }
    if (ch === "'" || ch === '"' || ch === '`' || (ch === '/' && regexMayFollow())) {
      // a string, a template literal (up to its end or its first ${) or a regular expression
      let j = i + 1
      let inClass = false
      while (j < src.length) {
        const c = src[j]!
        if (c === '\\') {
          j += 2
          continue
        }
        if (ch === '`' && c === '$' && src[j + 1] === '{') break
        if (ch === '/' && c === '[') inClass = true
        else if (ch === '/' && c === ']') inClass = false
        else if (c === ch && !inClass) break
        else if (ch !== '`' && c === '\n') break
        j++
      }
      if (ch === '`' && src[j] === '$') {
        out += src.slice(i, j + 2)
        templates.push(depth)
        depth++
        i = j + 2
        last = '{'
        continue
      }
      out += src.slice(i, j + 1)
      i = j + 1
      last = 'a'
      continue
    }
    if (ch === '{') depth++
    if (ch === '}') {
      depth--
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        // back inside the template literal: read on to its end or its next ${
        templates.pop()
        let j = i + 1
        while (j < src.length) {
          const c = src[j]!
          if (c === '\\') {
            j += 2
            continue
          }
          if (c === '`' || (c === '$' && src[j + 1] === '{')) break
          j++
        }
        if (src[j] === '$') {
          out += src.slice(i, j + 2)
          templates.push(depth)
          depth++
          i = j + 2
          last = '{'
        } else {
          out += src.slice(i, j + 1)
          i = j + 1
          last = 'a'
        }
        continue
      }
    }
    out += ch
    if (!/\s/.test(ch)) last = ch
    i++
  }
  return out
}

/** A single-file component: the script blocks as TypeScript, HTML comments of the template, CSS comments of the style. */
export function stripComments(source: string, file: string): string {
  if (!file.endsWith('.vue')) return stripScriptComments(source)
  return source
    .replace(
      /(<script[^>]*>)([\s\S]*?)(<\/script>)/g,
      (_, open: string, body: string, close: string) => open + stripScriptComments(body) + close,
    )
    .replace(
      /(<style[^>]*>)([\s\S]*?)(<\/style>)/g,
      (_, open: string, body: string, close: string) => open + body.replace(/\/\*[\s\S]*?\*\//g, blank) + close,
    )
    .replace(/<!--[\s\S]*?-->/g, blank)
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return /\.(vue|ts)$/.test(e.name) ? [path] : []
  })
}

/** `file:line: text` for every line holding a CJK character outside comments. */
export function cjkLines(path: string, source = readFileSync(path, 'utf8')): string[] {
  const stripped = stripComments(source, path).split('\n')
  const original = source.split('\n')
  return stripped.flatMap((line, i) => (CJK.test(line) ? [`${relative(WEB, path)}:${i + 1}: ${original[i]!.trim()}`] : []))
}

describe('the comment stripper', () => {
  it('blanks comments and keeps strings, template literals, regular expressions and line numbers', () => {
    const src = [
      "const a = 'x // not a comment' // 注释",
      '/* 块注释',
      '   第二行 */ const b = `t ${c /* 注释 */ + "中"} // 文本` // 注释',
      'const r = /\\/\\/[中]/.test(s) // 注释',
      '<!-- 模板注释 --><p>{{ a }}</p>',
    ].join('\n')
    const out = stripScriptComments(src).split('\n')
    expect(out).toHaveLength(5)
    expect(out[0]!.trimEnd()).toBe("const a = 'x // not a comment'")
    expect(out[1]!.trim()).toBe('')
    expect(out[2]).toContain('"中"} // 文本`')
    expect(out[2]).not.toContain('注释')
    expect(out[3]).toContain('/\\/\\/[中]/')
    expect(out[3]).not.toContain('注释')
    expect(stripComments('<template>\n  <!-- 模板注释 --><p title="中">x</p>\n</template>', 'A.vue')).toContain('title="中"')
    expect(stripComments('<template>\n  <!-- 模板注释 --><p>x</p>\n</template>', 'A.vue')).not.toContain('模板')
  })

  it('reports the file and line of a CJK character outside comments', () => {
    const path = join(FEATURES, 'x', 'X.vue')
    expect(cjkLines(path, '<script setup lang="ts">\n// 注释\nconst a = \'中文\'\n</script>\n<template><p>{{ a }}</p></template>')).toEqual(
      ["src/features/x/X.vue:3: const a = '中文'"],
    )
  })
})

describe('src/features', () => {
  it('holds no CJK text outside comments (UI text lives in src/i18n)', () => {
    const found = sources(FEATURES).flatMap((f) => cjkLines(f))
    expect(found, `CJK characters outside comments:\n${found.join('\n')}`).toEqual([])
  })
})
