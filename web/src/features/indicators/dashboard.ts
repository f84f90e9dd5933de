import type { ChartOption } from '@/plugins/echarts'
import type { ChartRow } from '@/components/ChartCard.vue'
import { i18n } from '@/i18n'

const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params)

/**
 * Pure pieces of the 目标考核 dashboards: chart options and table rows built from API values, so that what a chart draws
 * and what its table view and CSV export list are the same numbers (tested in web/tests/indicators-dashboard.test.ts).
 * A value the API reports as missing (无数据, 待填报, 不可计算) stays missing: never drawn as 0.
 */

/** One value as the dashboards use it (IndicatorValueDto narrowed). */
export interface RegionValue {
  regionCode: string
  regionName?: string | null
  year: number
  value: number | null | undefined
  display: string
  statusName: string
}

export interface YearValue {
  year: number
  value: number | null
}

export interface Target {
  year: number
  value: number
}

/** The number of a value, null when it has none (missing stays missing, never 0). */
function numberOf(v: RegionValue): number | null {
  return v.value ?? null
}

/** The years that have a numeric value, ascending. */
export function yearsWithValues(values: readonly RegionValue[]): number[] {
  return [...new Set(values.filter((v) => numberOf(v) !== null).map((v) => v.year))].sort((a, b) => a - b)
}

/** The yearly series of one region (years without a number are left out; the chart shows them as gaps). */
export function seriesOf(values: readonly RegionValue[], region: string): YearValue[] {
  return values
    .filter((v) => v.regionCode === region)
    .map((v) => ({ year: v.year, value: numberOf(v) }))
    .sort((a, b) => a.year - b.year)
}

/** Every year from the first to the last one any of the inputs mentions (so gaps between data and target years are visible). */
export function yearAxis(series: readonly YearValue[][], targets: readonly Target[] = [], baseline?: Target | null): number[] {
  const years = [
    ...series
      .flat()
      .filter((p) => p.value !== null)
      .map((p) => p.year),
    ...targets.map((t) => t.year),
    ...(baseline ? [baseline.year] : []),
  ]
  if (years.length === 0) return []
  const from = Math.min(...years)
  const to = Math.max(...years)
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

export interface TrendInput {
  unit: string
  lines: { name: string; points: YearValue[] }[]
  targets?: Target[]
  baseline?: Target | null
}

const PALETTE = ['#1f5fae', '#2e8b57', '#e6a23c', '#8e44ad', '#16a2b8', '#c0392b']

/**
 * A multi-year line chart: one line per region, the plan's targets as diamonds with a dashed line to the last target, the
 * baseline as a horizontal line. Null when there is nothing at all to draw.
 */
export function trendOption(input: TrendInput): ChartOption | null {
  const targets = input.targets ?? []
  const years = yearAxis(
    input.lines.map((l) => l.points),
    targets,
    input.baseline,
  )
  if (years.length === 0) return null
  const at = (points: YearValue[], y: number) => points.find((p) => p.year === y)?.value ?? null
  const series: NonNullable<ChartOption['series']> = input.lines.map((l, i) => ({
    type: 'line' as const,
    name: l.name,
    data: years.map((y) => at(l.points, y)),
    connectNulls: false,
    symbolSize: 7,
    // few points (e.g. one year of data against targets years ahead): write the values, a dot near the axis says little
    label: { show: l.points.filter((p) => p.value !== null).length <= 6, position: 'top' as const },
    itemStyle: { color: PALETTE[i % PALETTE.length] },
    ...(i === 0 && input.baseline
      ? {
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dotted' as const, color: '#909399' },
            label: { formatter: t('indicators.chart.baselineValue', { value: input.baseline.value }) },
            data: [{ yAxis: input.baseline.value }],
          },
        }
      : {}),
  }))
  if (targets.length > 0) {
    series.push({
      type: 'line',
      name: t('indicators.chart.target'),
      data: years.map((y) => targets.find((x) => x.year === y)?.value ?? null),
      connectNulls: true,
      symbol: 'diamond',
      symbolSize: 11,
      lineStyle: { type: 'dashed', color: '#c0392b' },
      itemStyle: { color: '#c0392b' },
      label: {
        show: true,
        position: 'top',
        formatter: (p: { value: unknown }) =>
          p.value === null || p.value === undefined ? '' : t('indicators.chart.targetValue', { value: String(p.value) }),
      },
    })
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 12, right: 28, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(String), boundaryGap: false },
    yAxis: { type: 'value', name: input.unit, nameTextStyle: { align: 'right' } },
    series,
  }
}

/** The table view of a trend: one row per year, one column per line, plus the target of the year. */
export function trendRows(input: TrendInput): ChartRow[] {
  const years = yearAxis(
    input.lines.map((l) => l.points),
    input.targets ?? [],
    input.baseline,
  )
  const noData = t('indicators.noData')
  return years
    .map((y) => {
      const row: ChartRow = { year: y }
      input.lines.forEach((l, i) => {
        const v = l.points.find((p) => p.year === y)?.value
        row[`l${i}`] = v === null || v === undefined ? noData : v
      })
      const target = (input.targets ?? []).find((x) => x.year === y)
      row.target = target ? target.value : ''
      row.baseline = input.baseline && input.baseline.year === y ? input.baseline.value : ''
      return row
    })
    .filter((r) => input.lines.some((_, i) => r[`l${i}`] !== noData) || r.target !== '' || r.baseline !== '')
}

export interface RankedRegion extends ChartRow {
  rank: number | string
  code: string
  region: string
  value: number | string
  display: string
  status: string
}

/** Regions ordered by value (higher first, or lower first for lower-is-better); equal values share a rank; no value ranks last as —. */
export function rankRegions(values: readonly RegionValue[], direction: 'higher' | 'lower' = 'higher'): RankedRegion[] {
  const withValue = values.filter((v) => numberOf(v) !== null)
  const without = values.filter((v) => numberOf(v) === null)
  const sorted = [...withValue].sort((a, b) => (direction === 'higher' ? 1 : -1) * ((numberOf(b) ?? 0) - (numberOf(a) ?? 0)))
  const rows: RankedRegion[] = []
  sorted.forEach((v, i) => {
    const prev = rows[i - 1]
    const rank = prev && numberOf(sorted[i - 1]!) === numberOf(v) ? Number(prev.rank) : i + 1
    rows.push({
      rank,
      code: v.regionCode,
      region: v.regionName ?? v.regionCode,
      value: numberOf(v) ?? 0,
      display: v.display,
      status: v.statusName,
    })
  })
  for (const v of without)
    rows.push({ rank: '—', code: v.regionCode, region: v.regionName ?? v.regionCode, value: '', display: v.display, status: v.statusName })
  return rows
}

/** A horizontal ranking bar chart (first place on top); regions without a number are not drawn (they are in the table). */
export function rankingOption(rows: readonly RankedRegion[], unit: string): ChartOption | null {
  const drawn = rows.filter((r) => typeof r.value === 'number')
  if (drawn.length === 0) return null
  const names = drawn.map((r) => `${String(r.rank)}. ${r.region}`).reverse()
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 12, right: 56, top: 10, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: unit },
    yAxis: { type: 'category', data: names },
    series: [
      {
        type: 'bar',
        name: unit,
        data: drawn.map((r) => r.value as number).reverse(),
        itemStyle: { color: '#1f5fae' },
        barMaxWidth: 18,
        label: { show: true, position: 'right' },
        cursor: 'pointer',
      },
    ],
  }
}

/** The region code behind a ranking bar (the chart lists the regions reversed). */
export function rankedAt(rows: readonly RankedRegion[], dataIndex: number): RankedRegion | null {
  const drawn = rows.filter((r) => typeof r.value === 'number')
  return drawn[drawn.length - 1 - dataIndex] ?? null
}

export interface TreemapNode {
  name: string
  value: number
  code: string
  display: string
}

/** Treemap nodes: regions with a positive number (a zero or missing value has no area; the table view lists them). */
export function treemapNodes(values: readonly RegionValue[]): TreemapNode[] {
  return values
    .filter((v) => (numberOf(v) ?? 0) > 0)
    .map((v) => ({ name: v.regionName ?? v.regionCode, value: numberOf(v) ?? 0, code: v.regionCode, display: v.display }))
    .sort((a, b) => b.value - a.value)
}

export function treemapOption(nodes: readonly TreemapNode[], name: string): ChartOption | null {
  if (nodes.length === 0) return null
  const total = nodes.reduce((s, n) => s + n.value, 0)
  return {
    tooltip: {
      formatter: (p: unknown) => {
        const d = (p as { data?: TreemapNode }).data
        return d
          ? `${d.name}<br/>${t('indicators.chart.share', { label: name, display: d.display, pct: ((100 * d.value) / total).toFixed(1) })}`
          : ''
      },
    },
    series: [
      {
        type: 'treemap',
        name,
        data: nodes.map((n) => ({ ...n })),
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        width: '100%',
        height: '100%',
        top: 0,
        left: 0,
        label: {
          show: true,
          formatter: (p: unknown) => {
            const d = (p as { data?: TreemapNode }).data
            return d ? `${d.name}\n${d.value}` : ''
          },
          fontSize: 13,
        },
        upperLabel: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 },
        levels: [
          {
            color: [
              '#1f5fae',
              '#3a78c2',
              '#5b8fd0',
              '#7fa8dc',
              '#2e8b57',
              '#48a06f',
              '#e6a23c',
              '#8e44ad',
              '#16a2b8',
              '#5d6d7e',
              '#a04000',
              '#1a5276',
              '#117864',
            ],
          },
        ],
      },
    ],
  }
}

export interface BulletGoal {
  name: string
  /** share of the target reached, 0–1; null when it cannot be computed */
  progress: number | null
  /** what the track says when there is no progress (default 无数据) */
  missing?: string
}

/** The server's progress note of a goal measured on another basis than the indicator (口径不同); matched in the server's words. */
const OTHER_BASIS = '\u53e3\u5f84\u4e0d\u540c'

/** Why a goal has no progress bar, in a few words: the value is older than the plan, a custom goal, or no data at all. */
export function missingLabel(g: {
  indicatorCode: string
  currentDisplay?: string | null
  currentYear?: number | null
  progressNote: string
}): string {
  if (g.indicatorCode === 'custom') return t('indicators.missing.custom')
  if (g.progressNote.includes(OTHER_BASIS)) return t('indicators.missing.basis')
  if (g.currentDisplay) return t('indicators.missing.early', { year: String(g.currentYear ?? ''), display: g.currentDisplay })
  return t('indicators.noData')
}

/** Goal progress as bullet rows: share of the target reached (0–100), or the reason there is none written on the empty track. */
export function bulletOption(goals: readonly BulletGoal[]): ChartOption | null {
  if (goals.length === 0) return null
  const names = goals.map((g) => g.name).reverse()
  const values = goals.map((g) => (g.progress === null ? null : Math.round(g.progress * 1000) / 10)).reverse()
  const noData = t('indicators.noData')
  const missing = goals.map((g) => g.missing ?? noData).reverse()
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 12, right: 56, top: 10, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: names, axisLabel: { width: 230, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: t('indicators.chart.target'),
        // the target track; where the progress cannot be computed it carries the 无数据 label (a null bar has no label)
        data: values.map((v, i) => ({
          value: 100,
          label: { show: v === null, position: 'insideLeft' as const, formatter: missing[i] ?? noData, color: '#8a94a6' },
        })),
        barGap: '-100%',
        itemStyle: { color: '#e4e9f2' },
        barMaxWidth: 14,
        cursor: 'pointer',
      },
      {
        type: 'bar',
        name: t('indicators.chart.progress'),
        data: values,
        itemStyle: { color: '#1f5fae' },
        barMaxWidth: 14,
        cursor: 'pointer',
        label: { show: true, position: 'right', color: '#333', formatter: (p: { value: unknown }) => `${String(p.value)}%` },
      },
    ],
  }
}
