import type { FeatureRoutes } from '@/app/routes'
import UnderConstruction from '@/components/UnderConstruction.vue'

/** Not built yet: the page names the module and what it will do (PRODUCT.md). */
export default {
  shell: [
    {
      path: 'registries',
      name: 'registries',
      component: UnderConstruction,
      props: { module: 'menu.registries', description: 'modules.registries' },
      meta: { access: 'registries', title: 'menu.registries' },
    },
  ],
} satisfies FeatureRoutes
