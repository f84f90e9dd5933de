import type { FeatureRoutes } from '@/app/routes'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** Not built yet: the page names the module and what it will do (PRODUCT.md). */
export default {
  shell: [
    {
      path: 'analysis',
      name: 'analysis',
      component: UnderConstruction,
      props: { module: 'menu.analysis', description: 'modules.analysis' },
      meta: { access: 'analysis', title: 'menu.analysis' },
    },
  ],
} satisfies FeatureRoutes
