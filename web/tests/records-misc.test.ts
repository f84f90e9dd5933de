// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { sanitizeHighlight } from '@/utils/highlight'
import {
  cleanMapping,
  hasDetails,
  isActive,
  missingRequired,
  progressPercent,
  statusType,
  timelineDays,
  troubledEntries,
  upsertJob,
} from '@/features/records/imports'
import { fileNameFrom } from '@/api/client'
import type { ImportJob } from '@/features/records/types'

describe('sanitizeHighlight', () => {
  it('keeps <mark> and text, drops every other tag', () => {
    expect(sanitizeHighlight('一种<mark>锂电池</mark>隔膜')).toBe('一种<mark>锂电池</mark>隔膜')
    expect(sanitizeHighlight('<img src=x onerror=alert(1)><b>粗</b><script>alert(1)</script>')).toBe('粗')
    expect(sanitizeHighlight('A &amp; B &lt;c&gt;')).toBe('A &amp; B &lt;c&gt;')
    expect(sanitizeHighlight(null)).toBe('')
  })
})

const job = (over: Partial<ImportJob>): ImportJob => ({
  id: 1,
  fileName: 'a.csv',
  format: 'csv',
  encoding: 'utf-8',
  status: 'running',
  rowsRead: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  rejectionCount: 0,
  percent: null,
  message: null,
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  finishedAt: null,
  durationMs: null,
  createdBy: 'admin',
  bulk: false,
  ...over,
})

describe('import helpers', () => {
  it('knows which jobs are still moving', () => {
    expect(isActive(job({ status: 'queued' }))).toBe(true)
    expect(isActive(job({ status: 'running' }))).toBe(true)
    expect(isActive(job({ status: 'failed' }))).toBe(false)
  })

  it('reads the percentage, unknown while the total is not known yet', () => {
    expect(progressPercent(job({ percent: 37 }))).toBe(37)
    expect(progressPercent(job({ percent: null, status: 'succeeded' }))).toBe(100)
    expect(progressPercent(job({ percent: 40, status: 'completed_with_errors' }))).toBe(100)
    expect(progressPercent(job({ percent: null, status: 'running' }))).toBeNull()
    expect(progressPercent(job({ percent: null, status: 'queued' }))).toBe(0)
    expect(progressPercent(job({ percent: 250 }))).toBe(100)
  })

  it('lists required target fields left unmapped and drops empty mappings', () => {
    const fields = [
      { key: 'applicationNumber', label: '申请号', required: true },
      { key: 'title', label: '名称', required: true },
      { key: 'abstract', label: '摘要', required: false },
    ]
    expect(missingRequired(fields, { applicationNumber: '申请号', title: '' }).map((f) => f.key)).toEqual(['title'])
    expect(cleanMapping({ applicationNumber: '申请号', title: '' })).toEqual({ applicationNumber: '申请号' })
  })

  it('replaces a job in place or puts a new one first', () => {
    const list = [job({ id: 2 }), job({ id: 1 })]
    expect(upsertJob(list, job({ id: 1, status: 'succeeded' }))[1]?.status).toBe('succeeded')
    expect(upsertJob(list, job({ id: 3 })).map((j) => j.id)).toEqual([3, 2, 1])
  })

  it('takes the download name from Content-Disposition', () => {
    expect(fileNameFrom("attachment; filename=records.csv; filename*=UTF-8''%E6%95%B0%E6%8D%AE.csv")).toBe('数据.csv')
    expect(fileNameFrom('attachment; filename="rejections-5.csv"')).toBe('rejections-5.csv')
    expect(fileNameFrom(null)).toBeNull()
  })
})

describe('packages and timelines', () => {
  const entry = (status: string) => ({
    index: 0,
    name: 'a.xml',
    sizeBytes: 1,
    format: 'xml',
    status,
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    message: null,
  })

  it('unfolds a job with package files or legal-status events only', () => {
    expect(hasDetails(job({}))).toBe(false)
    expect(hasDetails(job({ entries: [entry('succeeded')] }))).toBe(true)
    expect(hasDetails(job({ legalStatus: { attached: 0, pending: 3 } }))).toBe(true)
    expect(troubledEntries([entry('succeeded'), entry('failed'), entry('skipped')]).map((e) => e.status)).toEqual(['failed', 'skipped'])
    expect(statusType('skipped')).toBe('warning')
    expect(statusType('failed')).toBe('danger')
    expect(statusType('completed_with_errors')).toBe('warning')
  })

  it('groups the events of one day, keeping their order', () => {
    const ev = (date: string | null, code: string) => ({ date, code, name: code, description: null, source: 'record' })
    const days = timelineDays([ev('2015-01-01', 'filed'), ev('2016-12-28', 'granted'), ev('2016-12-28', 'terminated'), ev(null, 'other')])
    expect(days.map((d) => [d.date, d.events.map((e) => e.code)])).toEqual([
      ['2015-01-01', ['filed']],
      ['2016-12-28', ['granted', 'terminated']],
      [null, ['other']],
    ])
  })
})
