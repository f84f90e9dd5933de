import type { FeatureRoutes } from '@/app/routes'

/** 工作方案 (part of 目标考核, under its URLs): the plan page (tasks, progress reports and their review) and the yearly assessments. */
export default {
  shell: [
    {
      path: 'indicators/plans/:id(\\d+)',
      name: 'indicators-plan',
      component: () => import('./PlanView.vue'),
      meta: { access: 'indicators', title: 'plans.titles.plan' },
    },
    {
      path: 'indicators/assessments/:id(\\d+)',
      name: 'indicators-assessment',
      component: () => import('./AssessmentView.vue'),
      meta: { access: 'indicators', title: 'plans.titles.assessment' },
    },
  ],
} satisfies FeatureRoutes
