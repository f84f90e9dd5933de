import type { FeatureRoutes } from '@/app/routes'
import { routes as watches } from './watches/routes'
import { routes as briefings } from './briefings/routes'
import { routes as appraisals } from './appraisals/routes'
import { routes as navigation } from './navigation/routes'

/** 分析预警 (issue 24): 专利导航, 分析评议, 监控预警 and 非正常申请筛查, 订阅与简报. */
export default {
  shell: [
    // the group's root opens the navigation workspace (every part of 分析预警 is built)
    { path: 'analysis', name: 'analysis', redirect: '/analysis/navigation' },
    ...watches,
    ...briefings,
    ...appraisals,
    ...navigation,
  ],
} satisfies FeatureRoutes
