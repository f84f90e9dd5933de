import type { FeatureRoutes } from '@/app/routes'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** Not built yet: the page names the module and what it will do (PRODUCT.md). */
export default {
  shell: [
    {
      path: 'indicators',
      name: 'indicators',
      component: UnderConstruction,
      props: { module: 'menu.indicators', description: 'modules.indicators' },
      meta: { access: 'indicators', title: 'menu.indicators' },
    },
  ],
} satisfies FeatureRoutes
