import type { FeatureRoutes } from '@/app/routes'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** Not built yet: the page names the module and what it will do (PRODUCT.md). */
export default {
  shell: [
    {
      path: 'portal',
      name: 'portal',
      component: UnderConstruction,
      props: { module: 'menu.portal', description: 'modules.portal' },
      meta: { access: 'portal', title: 'menu.portal' },
    },
  ],
} satisfies FeatureRoutes
