/**
 * ECharts, registered tree-shaken in one place: only the charts and components the app draws are bundled.
 * Pages use {@link useChart}, which creates the chart on a element, follows its size and disposes it.
 */
import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import * as echarts from 'echarts/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, ToolboxComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { DatasetComponentOption, GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components'

echarts.use([BarChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, ToolboxComponent, CanvasRenderer])

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | DatasetComponentOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>

export { echarts }

/**
 * Draws `option` into the element `el` refers to, redrawing when the option changes and resizing with the element
 * (ResizeObserver, so a collapsing menu or a toggled table view also resizes it).
 */
export function useChart(el: Ref<HTMLElement | null | undefined>, option: Ref<ChartOption | null>) {
  const chart = shallowRef<echarts.ECharts | null>(null)
  let observer: ResizeObserver | null = null

  function render(): void {
    if (!el.value || !option.value) return
    if (!chart.value) chart.value = echarts.init(el.value, undefined, { renderer: 'canvas' })
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
