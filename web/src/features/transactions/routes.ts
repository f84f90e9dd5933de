import type { FeatureRoutes } from '@/app/routes'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** Not built yet: the page names the module and what it will do (PRODUCT.md). */
export default {
  shell: [
    {
      path: 'transactions',
      name: 'transactions',
      component: UnderConstruction,
      props: { module: 'menu.transactions', description: 'modules.transactions' },
      meta: { access: 'transactions', title: 'menu.transactions' },
    },
  ],
} satisfies FeatureRoutes
