import { describe, expect, it } from 'vitest'
import { defaultYear, yearChoices, yearNote } from '@/features/home/recordYears'

const stats = {
  latestYear: 2017,
  byYear: [
    { key: '2014', label: '2014', count: 12 },
    { key: '2015', label: '2015', count: 30 },
    { key: '2017', label: '2017', count: 8 },
  ],
}

describe('records overview by year', () => {
  it('opens on the latest year with records, not on this year', () => {
    expect(defaultYear(stats, 2026)).toBe(2017)
    expect(defaultYear({ latestYear: null }, 2026)).toBe(2026)
  })
  it('offers the years from the first with records up to this year, newest first', () => {
    const years = yearChoices(stats, 2026)
    expect(years[0]).toBe(2026)
    expect(years.at(-1)).toBe(2014)
    expect(years).toHaveLength(13)
    expect(yearChoices({ byYear: [] }, 2026)).toEqual([])
  })
  it('says how many records a year has, or why it has none', () => {
    expect(yearNote(stats, 2017)).toEqual({ kind: 'count', year: 2017, count: 8 })
    expect(yearNote(stats, 2020)).toEqual({ kind: 'afterData', year: 2020, latest: 2017 })
    expect(yearNote(stats, 2016)).toEqual({ kind: 'gap', year: 2016 })
  })
})
