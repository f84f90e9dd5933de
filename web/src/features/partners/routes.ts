import type { FeatureRoutes } from '@/app/routes'

export default {
  shell: [
    {
      path: 'admin/partners',
      name: 'admin-partners',
      component: () => import('./PartnersView.vue'),
      meta: { access: 'admin.partners', title: 'partners.title' },
    },
  ],
} satisfies FeatureRoutes
