import type { RouteRecordRaw } from 'vue-router'

/** 分析预警 · 分析评议 of major projects (issue 24 §2, ADR 0052, 0053). */
export const routes: RouteRecordRaw[] = [
  {
    path: 'analysis/appraisals',
    name: 'analysis.appraisals',
    component: () => import('./AppraisalsView.vue'),
    meta: { access: 'analysis.appraisals', title: 'anaAppr.menu.appraisals' },
  },
  {
    path: 'analysis/appraisals/:id(\\d+)',
    name: 'analysis.appraisal',
    component: () => import('./AppraisalView.vue'),
    meta: { access: 'analysis.appraisals', title: 'anaAppr.form.title' },
  },
]
