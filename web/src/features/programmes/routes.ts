import type { FeatureRoutes } from '@/app/routes'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** Not built yet: the page names the module and what it will do (PRODUCT.md). */
export default {
  shell: [
    {
      path: 'programmes',
      name: 'programmes',
      component: UnderConstruction,
      props: { module: 'menu.programmes', description: 'modules.programmes' },
      meta: { access: 'programmes', title: 'menu.programmes' },
    },
  ],
} satisfies FeatureRoutes
