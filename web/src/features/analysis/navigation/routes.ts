import type { RouteRecordRaw } from 'vue-router'

/** 分析预警 · 专利导航 (issue 24 §1, GB/T 39551-2020, ADR 0050, 0051). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'analysis/navigation',
    name: 'analysis.navigation',
    component: () => import('./NavigationListView.vue'),
    meta: { access: 'analysis', title: 'anaNav.menu.navigation' },
  },
  {
    path: 'analysis/navigation/:id',
    name: 'analysis.navigationProject',
    component: () => import('./NavigationWorkspaceView.vue'),
    meta: { access: 'analysis', title: 'anaNav.workspace.title' },
  },
]
