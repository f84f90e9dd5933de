import { describe, expect, it } from 'vitest'
import { percent, progressStatus, targetFor, trendArrow, trendGood } from '@/features/home/cockpit'

const T = (year: number | null, value: number) => ({ year, regionCode: null, value })

describe('cockpit helpers', () => {
  it('takes the target of the year, else the last before it, else the final one', () => {
    const targets = [T(2024, 10), T(2026, 30), T(2025, 20)]
    expect(targetFor(targets, 2025)?.value).toBe(20)
    expect(targetFor(targets, 2027)?.value).toBe(30)
    expect(targetFor([T(null, 99), T(2026, 30)], 2023)?.value).toBe(99)
    expect(targetFor([T(2026, 30)], 2023)?.value).toBe(30)
    expect(targetFor([], 2026)).toBeNull()
  })

  it('turns a ratio into a percentage with one decimal', () => {
    expect(percent(0.4567)).toBe(45.7)
    expect(percent(1.2)).toBe(120)
    expect(percent(null)).toBeNull()
    expect(percent(undefined)).toBeNull()
  })

  it('draws the trend and judges it by the goal direction', () => {
    expect(trendArrow('up')).toBe('↑')
    expect(trendArrow('down')).toBe('↓')
    expect(trendArrow('flat')).toBe('→')
    expect(trendArrow(null)).toBe('')
    expect(trendGood({ trend: 'up', direction: 'higher' })).toBe(true)
    expect(trendGood({ trend: 'down', direction: 'lower' })).toBe(true)
    expect(trendGood({ trend: 'down', direction: 'higher' })).toBe(false)
    expect(trendGood({ trend: 'flat', direction: 'higher' })).toBeNull()
  })

  it('marks progress done, low or ordinary', () => {
    expect(progressStatus(100)).toBe('success')
    expect(progressStatus(30)).toBe('warning')
    expect(progressStatus(70)).toBe('')
    expect(progressStatus(null)).toBe('')
  })
})
