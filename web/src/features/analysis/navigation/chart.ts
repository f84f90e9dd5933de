import type { ChartRow } from '@/components/ChartCard.vue'
import type { ChartOption } from '@/plugins/echarts'
import type { NavAnalysis } from './api'

/** The table view of an analysis: its columns as keys c0, c1 … and its rows. */
export function tableOf(a: NavAnalysis): { columns: { key: string; label: string }[]; rows: ChartRow[] } {
  const columns = a.columns.map((label, i) => ({ key: `c${i}`, label }))
  const rows = a.rows.map((r) => Object.fromEntries(r.map((v, i) => [`c${i}`, v])) as ChartRow)
  return { columns, rows }
}

/**
 * The ECharts option of an analysis: lines for trends, a pie for shares, bars for rankings (horizontal with long labels); a
 * co-applicant network is drawn as a ranking of its pairs. Null when there is nothing to draw (the card then says why).
 */
export function optionOf(a: NavAnalysis): ChartOption | null {
  if (a.series.length === 0 || a.categories.length === 0) return null
  const tooltip = { trigger: a.chartType === 'pie' ? 'item' : 'axis' } as const
  if (a.chartType === 'pie') {
    const s = a.series[0]!
    return {
      tooltip,
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: a.categories.map((name, i) => ({ name, value: s.data[i] ?? 0 })) }],
    }
  }
  const labels = a.chartType === 'graph' ? a.rows.map((r) => `${r[0]} — ${r[1]}`) : a.categories
  const series = a.chartType === 'graph' ? [a.series[0]!] : a.series
  if (a.chartType === 'line')
    return {
      tooltip,
      legend: { bottom: 0 },
      grid: { left: 50, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value' },
      series: series.map((s) => ({ type: 'line', name: s.name, data: s.data, smooth: false })),
    }
  const horizontal = labels.some((l) => l.length > 6)
  const cat = {
    type: 'category' as const,
    data: horizontal ? [...labels].reverse() : labels,
    axisLabel: { width: 200, overflow: 'truncate' as const },
  }
  const val = { type: 'value' as const }
  return {
    tooltip,
    legend: series.length > 1 ? { bottom: 0 } : undefined,
    grid: { left: horizontal ? 210 : 50, right: 30, top: 20, bottom: series.length > 1 ? 50 : 30 },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series: series.map((s) => ({ type: 'bar', name: s.name, data: horizontal ? [...s.data].reverse() : s.data })),
  }
}
