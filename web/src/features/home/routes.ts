import type { FeatureRoutes } from '@/app/routes'

/** The site's root: the cockpit for a signed-in user, the portal's home (门户首页) for an anonymous visitor (issue 25). */
export default {
  shell: [
    {
      path: '',
      name: 'home',
      component: () => import('@/features/portal/home/HomeEntry.vue'),
      meta: { public: true, access: 'home', title: 'menu.home', description: 'portal.meta.home' },
    },
  ],
} satisfies FeatureRoutes
