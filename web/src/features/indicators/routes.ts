import type { FeatureRoutes } from '@/app/routes'

/** 目标考核: dashboard, plan page (tasks, progress reports, review), indicator values with drill-down, custom units, assessments. */
export default {
  shell: [
    {
      path: 'indicators',
      name: 'indicators',
      component: () => import('./DashboardView.vue'),
      meta: { access: 'indicators', title: 'menu.indicators' },
    },
    {
      path: 'indicators/plans/:id(\\d+)',
      name: 'indicators-plan',
      component: () => import('./PlanView.vue'),
      meta: { access: 'indicators', title: 'menu.indicators' },
    },
    {
      path: 'indicators/values',
      name: 'indicators-values',
      component: () => import('./ValuesView.vue'),
      meta: { access: 'indicators', title: 'menu.indicatorsValues' },
    },
    {
      path: 'indicators/units',
      name: 'indicators-units',
      component: () => import('./UnitsView.vue'),
      meta: { access: 'indicators.units', title: 'menu.indicatorsUnits' },
    },
    {
      path: 'indicators/assessments/:id(\\d+)',
      name: 'indicators-assessment',
      component: () => import('./AssessmentView.vue'),
      meta: { access: 'indicators', title: 'menu.indicators' },
    },
  ],
} satisfies FeatureRoutes
