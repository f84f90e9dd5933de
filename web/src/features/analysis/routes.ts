import type { FeatureRoutes } from '@/app/routes'
import UnderConstruction from '@/components/UnderConstruction.vue'
import { routes as watches } from './watches/routes'
import { routes as navigation } from './navigation/routes'

/** 分析预警: the watches part is built (issue 24 §3); navigation, 分析评议 and briefings are not yet (PRODUCT.md). */
export default {
  shell: [
    {
      path: 'analysis',
      name: 'analysis',
      component: UnderConstruction,
      props: { module: 'anaWatches.menu.other', description: 'modules.analysis' },
      meta: { access: 'analysis', title: 'anaWatches.menu.other' },
    },
    ...watches,
    ...navigation,
  ],
} satisfies FeatureRoutes
