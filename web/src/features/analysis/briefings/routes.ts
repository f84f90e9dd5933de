import type { RouteRecordRaw } from 'vue-router'

/** 分析预警 · 订阅与简报 (issue 24 §4, ADR 0054). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'analysis/briefings',
    name: 'analysis.briefings',
    component: () => import('./BriefingsView.vue'),
    meta: { access: 'analysis.briefings', title: 'anaBrief.menu' },
  },
  {
    path: 'analysis/briefings/:id(\\d+)',
    name: 'analysis.briefing',
    component: () => import('./BriefingView.vue'),
    meta: { access: 'analysis.briefings', title: 'anaBrief.detailTitle' },
  },
]
