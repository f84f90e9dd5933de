import { describe, expect, it } from 'vitest'
import {
  bulletOption,
  missingLabel,
  rankedAt,
  rankingOption,
  rankRegions,
  seriesOf,
  treemapNodes,
  treemapOption,
  trendOption,
  trendRows,
  yearAxis,
  yearsWithValues,
  type RegionValue,
} from '@/features/indicators/dashboard'
import { sortByUrgency, unitWarnings, type UnitReport, type UnitTask } from '@/features/home/unitDashboard'
import { activePhase, countdown } from '@/features/plans/schedule'

const v = (regionCode: string, year: number, value: number | null, regionName = regionCode): RegionValue => ({
  regionCode,
  regionName,
  year,
  value,
  display: value === null ? '无数据' : `${value} 件`,
  statusName: value === null ? '无数据' : '数据中心计算',
})

describe('trend', () => {
  it('spans every year from the first value to the last target, with gaps where a year has no value', () => {
    const points = seriesOf([v('320700', 2015, 90), v('320700', 2017, 190), v('320706', 2017, 57)], '320700')
    expect(points).toEqual([
      { year: 2015, value: 90 },
      { year: 2017, value: 190 },
    ])
    expect(yearAxis([points], [{ year: 2019, value: 300 }])).toEqual([2015, 2016, 2017, 2018, 2019])
    const option = trendOption({
      unit: '件',
      lines: [{ name: '连云港市', points }],
      targets: [{ year: 2019, value: 300 }],
      baseline: { year: 2015, value: 80 },
    })!
    const series = option.series as { name: string; data: (number | null)[]; markLine?: { data: { yAxis: number }[] } }[]
    expect(series[0]!.data).toEqual([90, null, 190, null, null]) // 2016 has no value: a gap, not 0
    expect(series[0]!.markLine!.data[0]!.yAxis).toBe(80)
    expect(series[1]!.name).toBe('目标')
    expect(series[1]!.data).toEqual([null, null, null, null, 300])
  })

  it('draws nothing without values or targets, and the table lists only years with something to say', () => {
    expect(trendOption({ unit: '件', lines: [{ name: 'x', points: [] }] })).toBeNull()
    const rows = trendRows({ unit: '件', lines: [{ name: 'x', points: [{ year: 2015, value: 3 }] }], targets: [{ year: 2017, value: 9 }] })
    expect(rows).toEqual([
      { year: 2015, l0: 3, target: '', baseline: '' },
      { year: 2017, l0: '无数据', target: 9, baseline: '' },
    ])
  })

  it('lists the years that have numbers', () => {
    expect(yearsWithValues([v('a', 2017, 1), v('b', 2015, null), v('c', 2016, 0)])).toEqual([2016, 2017])
  })
})

describe('ranking and treemap', () => {
  const values = [
    v('320703', 2017, 39, '连云区'),
    v('320706', 2017, 57, '海州区'),
    v('320707', 2017, 39, '赣榆区'),
    v('320722', 2017, null, '东海县'),
    v('320723', 2017, 0, '灌云县'),
  ]

  it('ranks higher values first, ties share a rank, missing values last without a rank', () => {
    const rows = rankRegions(values)
    expect(rows.map((r) => [r.rank, r.region])).toEqual([
      [1, '海州区'],
      [2, '连云区'],
      [2, '赣榆区'],
      [4, '灌云县'],
      ['—', '东海县'],
    ])
    expect(rankRegions(values, 'lower')[0]!.region).toBe('灌云县')
  })

  it('maps a bar back to its region (the chart draws the list bottom-up) and leaves missing values out of the chart', () => {
    const rows = rankRegions(values)
    const option = rankingOption(rows, '件')!
    const yAxis = option.yAxis as { data: string[] }
    expect(yAxis.data).toEqual(['4. 灌云县', '2. 赣榆区', '2. 连云区', '1. 海州区'])
    expect(rankedAt(rows, 3)!.code).toBe('320706')
    expect(rankedAt(rows, 0)!.code).toBe('320723')
    expect(rankingOption(rankRegions([v('x', 2017, null)]), '件')).toBeNull()
  })

  it('gives the treemap only positive values, largest first, with the region code for the click', () => {
    const nodes = treemapNodes(values)
    expect(nodes.map((n) => [n.code, n.value])).toEqual([
      ['320706', 57],
      ['320703', 39],
      ['320707', 39],
    ])
    const option = treemapOption(nodes, '发明专利申请量')!
    const series = (option.series as { type: string; nodeClick: unknown; data: { code: string }[] }[])[0]!
    expect(series.type).toBe('treemap')
    expect(series.nodeClick).toBe(false) // the page drills down itself
    expect(series.data[0]!.code).toBe('320706')
    expect(treemapOption([], 'x')).toBeNull()
  })
})

describe('goals and phases', () => {
  it('writes the reason on the track of a goal without progress', () => {
    const option = bulletOption([
      { name: '新增发明专利授权', progress: null, missing: '2017 年实际 76 件，早于方案期' },
      { name: '目标 B', progress: 0.456 },
    ])!
    const [track, bar] = option.series as { data: unknown[] }[]
    expect(bar!.data).toEqual([45.6, null])
    expect((track!.data[1] as { label: { show: boolean; formatter: string } }).label).toMatchObject({
      show: true,
      formatter: '2017 年实际 76 件，早于方案期',
    })
    expect((track!.data[0] as { label: { show: boolean } }).label.show).toBe(false)
    expect(missingLabel({ indicatorCode: 'custom', progressNote: '' })).toBe('方案自定目标，按进展报告评估')
    expect(missingLabel({ indicatorCode: 'invention_grants', currentDisplay: '76 件', currentYear: 2017, progressNote: '' })).toBe(
      '2017 年实际 76 件，早于方案期',
    )
    expect(missingLabel({ indicatorCode: 'valid_trademarks', progressNote: '暂无该地区的指标数值' })).toBe('无数据')
  })

  it('marks the current phase, or all phases done after the plan', () => {
    const phases = [
      { current: false, endDate: '2024-10-31' },
      { current: true, endDate: '2026-05-31' },
      { current: false, endDate: '2026-12-31' },
    ]
    expect(activePhase(phases)).toBe(1)
    expect(
      activePhase(
        phases.map((p) => ({ ...p, current: false })),
        new Date(2027, 0, 5),
      ),
    ).toBe(3)
    expect(
      activePhase(
        phases.map((p) => ({ ...p, current: false })),
        new Date(2024, 0, 5),
      ),
    ).toBe(0)
  })
})

describe('unit dashboard', () => {
  const today = new Date(2026, 10, 21)
  const task = (id: number, deadline: string | null, status = 'not_started', overdue = false): UnitTask => ({
    id,
    planId: 2,
    no: String(id),
    title: `任务${id}`,
    deadline,
    status,
    progress: 10,
    overdue,
  })

  it('counts down to the deadline', () => {
    expect(countdown('2026-11-30', 'in_progress', today)).toEqual({ days: 9, label: '剩 9 天', type: 'warning' })
    expect(countdown('2026-11-21', 'in_progress', today)).toMatchObject({ days: 0, label: '今日到期', type: 'danger' })
    expect(countdown('2026-10-31', 'not_started', today)).toMatchObject({ days: -21, label: '逾期 21 天', type: 'danger' })
    expect(countdown('2027-03-01', 'not_started', today)).toMatchObject({ label: '剩 100 天', type: 'info' })
    expect(countdown('2026-10-31', 'completed', today)).toMatchObject({ label: '已完成', type: 'success' })
    expect(countdown(null, 'not_started', today)).toMatchObject({ days: null, label: '未定期限' })
  })

  it('orders tasks by urgency: overdue, nearest deadline, undated, completed', () => {
    const tasks = [
      task(1, null),
      task(2, '2026-12-20'),
      task(3, '2026-10-01', 'completed'),
      task(4, '2026-11-01', 'in_progress', true),
      task(5, '2026-11-25'),
    ]
    expect(sortByUrgency(tasks, today).map((t) => t.id)).toEqual([4, 5, 2, 1, 3])
  })

  it('warns of overdue and soon-due tasks and of returned reports not yet reported again', () => {
    const tasks = [task(1, '2026-11-01', 'in_progress', true), task(2, '2026-12-01'), task(3, '2027-06-01'), task(4, null)]
    const report = (id: number, taskId: number, status: string, submittedAt: string): UnitReport => ({
      id,
      taskId,
      taskNo: String(taskId),
      taskTitle: `任务${taskId}`,
      period: '2026-Q3',
      status,
      reviewComment: '材料不全',
      submittedAt,
    })
    const reports = [
      report(1, 3, 'returned', '2026-10-01T00:00:00Z'),
      report(2, 4, 'returned', '2026-10-01T00:00:00Z'),
      report(3, 4, 'submitted', '2026-10-05T00:00:00Z'),
    ]
    const w = unitWarnings(tasks, reports, today)
    expect(w.map((x) => [x.kind, x.taskId])).toEqual([
      ['overdue', 1],
      ['due_soon', 2],
      ['returned', 3],
    ])
    expect(w[0]).toMatchObject({ days: 20, deadline: '2026-11-01', progress: 10 })
    expect(w[1]).toMatchObject({ days: 10 })
    expect(w[2]).toMatchObject({ period: '2026-Q3', comment: '材料不全' })
  })
})
