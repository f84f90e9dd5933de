/**
 * ECharts, registered tree-shaken in one place: only the charts and components the app draws are bundled.
 * Pages use {@link useChart}, which creates the chart on a element, follows its size and disposes it.
 */
import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart, ScatterChart, TreemapChart } from 'echarts/charts'
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  ToolboxComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption, ScatterSeriesOption, TreemapSeriesOption } from 'echarts/charts'
import type {
  DatasetComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components'

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  TreemapChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  ToolboxComponent,
  CanvasRenderer,
])

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | TreemapSeriesOption
  | DatasetComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>

/** What a click on a chart element reports (the subset of ECharts' event parameters the pages use). */
export interface ChartClick {
  componentType: string
  seriesName?: string
  seriesIndex?: number
  name: string
  dataIndex: number
  value: unknown
  data: unknown
}

export { echarts }

/**
 * Draws `option` into the element `el` refers to, redrawing when the option changes and resizing with the element
 * (ResizeObserver, so a collapsing menu or a toggled table view also resizes it).
 */
export function useChart(el: Ref<HTMLElement | null | undefined>, option: Ref<ChartOption | null>, onClick?: (e: ChartClick) => void) {
  const chart = shallowRef<echarts.ECharts | null>(null)
  let observer: ResizeObserver | null = null

  function render(): void {
    if (!el.value) return
    if (!option.value) {
      chart.value?.clear() // no data any more: do not leave the previous drawing behind
      return
    }
    if (!chart.value) {
      chart.value = echarts.init(el.value, undefined, { renderer: 'canvas' })
      if (onClick) chart.value.on('click', (p) => onClick(p as unknown as ChartClick))
    }
    chart.value.setOption(option.value, { notMerge: true })
  }

  function resize(): void {
    chart.value?.resize()
  }

  onMounted(() => {
    render()
    if (typeof ResizeObserver !== 'undefined' && el.value) {
      observer = new ResizeObserver(() => resize())
      observer.observe(el.value)
    } else window.addEventListener('resize', resize)
  })

  watch(option, render, { deep: true })
  watch(el, (now, before) => {
    if (now === before) return
    chart.value?.dispose()
    chart.value = null
    observer?.disconnect()
    if (now) {
      observer?.observe(now)
      render()
    }
  })

  onBeforeUnmount(() => {
    observer?.disconnect()
    window.removeEventListener('resize', resize)
    chart.value?.dispose()
    chart.value = null
  })

  return { chart, resize }
}
