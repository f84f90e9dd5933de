import type { FeatureRoutes } from '@/app/routes'

/** 目标考核: the dashboard, indicator values with drill-down, custom units (the plan and assessment pages are in features/plans). */
export default {
  shell: [
    {
      path: 'indicators',
      name: 'indicators',
      component: () => import('./DashboardView.vue'),
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
  ],
} satisfies FeatureRoutes
