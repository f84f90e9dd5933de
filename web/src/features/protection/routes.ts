import type { FeatureRoutes } from '@/app/routes'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** Not built yet: the page names the module and what it will do (PRODUCT.md). */
export default {
  shell: [
    {
      path: 'protection',
      name: 'protection',
      component: UnderConstruction,
      props: { module: 'menu.protection', description: 'modules.protection' },
      meta: { access: 'protection', title: 'menu.protection' },
    },
  ],
} satisfies FeatureRoutes
