import type { RouteRecordRaw } from 'vue-router'

/** 分析预警 · 监控预警 and 非正常申请筛查 (issue 24 §3, ADR 0047, 0048). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'analysis/watches',
    name: 'analysis.watches',
    component: () => import('./WatchesView.vue'),
    meta: { access: 'analysis', title: 'anaWatches.menu.watches' },
  },
  {
    path: 'analysis/watches/:id',
    name: 'analysis.watch',
    component: () => import('./WatchHistoryView.vue'),
    meta: { access: 'analysis', title: 'anaWatches.history.title' },
  },
  {
    path: 'analysis/screening',
    name: 'analysis.screening',
    component: () => import('./ScreeningView.vue'),
    meta: { access: 'analysis.screening', title: 'anaWatches.menu.screening' },
  },
]
