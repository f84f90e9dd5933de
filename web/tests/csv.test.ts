import { describe, expect, it } from 'vitest'
import { csvBlob, csvCell, csvFileName, toCsv } from '@/utils/csv'

describe('toCsv', () => {
  it('writes a header of labels and one line per row, CRLF', () => {
    const csv = toCsv(
      [
        { key: 'year', label: '年份' },
        { key: 'count', label: '数量' },
      ],
      [
        { year: '2023', count: 1200 },
        { year: '2024', count: 1350 },
      ],
    )
    expect(csv).toBe('年份,数量\r\n2023,1200\r\n2024,1350\r\n')
  })

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('连云港市, 江苏')).toBe('"连云港市, 江苏"')
    expect(csvCell('说 "好"')).toBe('"说 ""好"""')
    expect(csvCell('a\nb')).toBe('"a\nb"')
    expect(csvCell(null)).toBe('')
  })

  it('defuses spreadsheet formulas but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('-12')).toBe('-12')
    expect(csvCell(-12)).toBe('-12')
  })

  it('adds a UTF-8 BOM so Excel reads Chinese, and a safe file name', async () => {
    const blob = csvBlob('年份\r\n')
    const bytes = new Uint8Array(await blob.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csvFileName('数据量前列城市 / 2024', new Date(2026, 2, 1))).toBe('数据量前列城市_2024_2026-03-01.csv')
  })
})
