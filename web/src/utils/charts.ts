import type { ChartOption } from '@/plugins/echarts'

export interface Bucket {
  key: string
  label: string
  count: number
}

/** A plain bar chart of buckets (vertical, or horizontal for long labels such as city names). */
export function barOption(buckets: readonly Bucket[], seriesName: string, horizontal = false): ChartOption {
  const labels = buckets.map((b) => b.label || b.key)
  const values = buckets.map((b) => b.count)
  const category = { type: 'category' as const, data: horizontal ? [...labels].reverse() : labels, axisTick: { alignWithLabel: true } }
  const value = { type: 'value' as const, minInterval: 1 }
  return {
    color: ['#1f5fae'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 12, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: horizontal ? [...values].reverse() : values,
        barMaxWidth: 36,
        label: { show: buckets.length <= 16, position: horizontal ? 'right' : 'top' },
      },
    ],
  }
}
